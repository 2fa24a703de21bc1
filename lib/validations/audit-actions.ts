/** Every kind of event the audit trail records, with the label the filter shows. */
export const AUDIT_ACTION_LABELS = {
  "auth.login": "Signed in",
  "auth.login-failed": "Failed sign-in",
  "auth.login-refused": "Sign-in refused (lockout)",
  "server.create": "Server created",
  "server.update": "Server edited",
  "server.clone": "Server cloned",
  "server.delete": "Server deleted",
  "server.import": "Server imported",
  "server.rename": "Server renamed (name rule)",
  "matrix.save": "Matrix saved",
  "revision.restore": "Revision restored",
  "server.verify": "Server verified (live state compared)",
  "warnings.acknowledge": "Critical warnings acknowledged",
  "download.bundle": "Bundle downloaded",
  "download.rules": "Rules downloaded",
  "export.profile": "Profile exported",
  "export.all": "All profiles exported",
  "user.create": "User created",
  "user.role": "Role changed",
  "user.password": "Password reset",
  "user.disable": "User disabled",
  "user.enable": "User enabled",
  "user.delete": "User removed",
  "user.unlock": "Sign-in lock lifted",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS_LIST = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];
