import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { accountLocks, clearAccountFailures, type AccountLock } from "@/lib/auth/throttle";
import { requireRole, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ROLE_LABELS, type NewUserInput, type Role, type SetupInput } from "@/lib/validations/user";
import { recordAudit } from "./audit-log";

/** True once the first administrator exists; decides whether /setup is open. */
export async function hasAnyUser(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/**
 * Creates the first administrator. Public by design (no session exists yet), so the emptiness
 * check and the insert share one transaction: two racing setups cannot both succeed.
 */
export async function createFirstAdmin(input: SetupInput): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) {
      throw new AppError("conflict", "Setup is already complete. Sign in instead.");
    }
    const user = await tx.user.create({
      data: { name: input.name, email: input.email, passwordHash, role: "admin" },
      select: { id: true, name: true },
    });
    await recordAudit(tx, user, { action: "user.create", targetType: "user", targetId: user.id, summary: `First administrator ${input.email} created by setup` });
    return { id: user.id };
  });
}

const USER_SELECT = { id: true, name: true, email: true, role: true, disabled: true, createdAt: true } as const;
export type UserRow = Omit<Prisma.UserGetPayload<{ select: typeof USER_SELECT }>, "role"> & { role: Role };

/** A user row with its sign-in lock: some address failed too often on the account (null: none). */
export type UserListRow = UserRow & { lock: AccountLock | null };

export async function listUsers(): Promise<UserListRow[]> {
  await requireRole("admin");
  const rows = await db.user.findMany({ select: USER_SELECT, orderBy: [{ name: "asc" }, { email: "asc" }] });
  const locks = await accountLocks(rows.map((r) => r.email));
  return rows.map((r) => ({ ...r, role: r.role as Role, lock: locks.get(r.email) ?? null }));
}

/** Lifts every sign-in lock on the account (from every address), recorded in the audit trail. */
export async function unlockUser(id: string): Promise<void> {
  const admin = await requireRole("admin");
  const target = await db.user.findUnique({ where: { id }, select: { email: true } });
  if (!target) throw new AppError("not-found", "This account no longer exists.");
  const cleared = await clearAccountFailures(target.email);
  await recordAudit(db, admin, { action: "user.unlock", targetType: "user", targetId: id, summary: `Lifted the sign-in lock on ${target.email}`, details: { failuresCleared: cleared } });
}

export async function getUserRow(id: string): Promise<UserRow | null> {
  await requireRole("admin");
  const row = await db.user.findUnique({ where: { id }, select: USER_SELECT });
  return row ? { ...row, role: row.role as Role } : null;
}

export async function createUser(input: NewUserInput): Promise<{ id: string }> {
  const admin = await requireRole("admin");
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name: input.name, email: input.email, role: input.role, passwordHash }, select: { id: true } });
      await recordAudit(tx, admin, { action: "user.create", targetType: "user", targetId: user.id, summary: `Created ${input.email} as ${ROLE_LABELS[input.role]}` });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with that email already exists.", { email: ["An account with that email already exists."] });
    }
    throw error;
  }
}

type UserChange = { role?: Role; disabled?: boolean; remove?: boolean };

const LAST_ADMIN = "This is the last active administrator: make another administrator first.";

/**
 * Applies a role change, a disable/enable or a removal in one transaction that first checks the
 * account is not the last active administrator, so two administrators demoting each other at the
 * same moment cannot leave the installation without one.
 */
async function changeUser(admin: SessionUser, id: string, change: UserChange): Promise<void> {
  await db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id }, select: { id: true, email: true, role: true, disabled: true } });
    if (!target) throw new AppError("not-found", "This account no longer exists.");
    const losesAdmin = target.role === "admin" && !target.disabled &&
      (change.remove || change.disabled === true || (change.role !== undefined && change.role !== "admin"));
    if (losesAdmin && (await tx.user.count({ where: { role: "admin", disabled: false } })) <= 1) {
      throw new AppError("conflict", LAST_ADMIN);
    }
    if (target.id === admin.id && (change.remove || change.disabled)) {
      throw new AppError("conflict", "You cannot disable or remove your own account.");
    }
    const base = { targetType: "user" as const, targetId: id };
    if (change.remove) {
      await tx.user.delete({ where: { id } });
      await recordAudit(tx, admin, { ...base, action: "user.delete", summary: `Removed ${target.email}` });
    } else if (change.role !== undefined) {
      if (change.role === target.role) return;
      await tx.user.update({ where: { id }, data: { role: change.role } });
      await recordAudit(tx, admin, { ...base, action: "user.role", summary: `${target.email}: ${ROLE_LABELS[target.role as Role]} → ${ROLE_LABELS[change.role]}`, details: { from: target.role, to: change.role } });
    } else if (change.disabled !== undefined) {
      if (change.disabled === target.disabled) return;
      await tx.user.update({ where: { id }, data: { disabled: change.disabled } });
      // Disabling ends every session for good: enabling the account again does not bring them back.
      if (change.disabled) await endUserSessions(tx, id);
      await recordAudit(tx, admin, { ...base, action: change.disabled ? "user.disable" : "user.enable", summary: `${change.disabled ? "Disabled" : "Enabled"} ${target.email}` });
    }
  });
}

export async function changeUserRole(id: string, role: Role): Promise<void> {
  await changeUser(await requireRole("admin"), id, { role });
}

export async function setUserDisabled(id: string, disabled: boolean): Promise<void> {
  await changeUser(await requireRole("admin"), id, { disabled });
}

export async function removeUser(id: string): Promise<void> {
  await changeUser(await requireRole("admin"), id, { remove: true });
}

export async function resetUserPassword(id: string, password: string): Promise<void> {
  const admin = await requireRole("admin");
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id }, select: { email: true } });
    if (!target) throw new AppError("not-found", "This account no longer exists.");
    // A new epoch ends every session signed in with the old password (lib/auth/session.ts).
    await tx.user.update({ where: { id }, data: { passwordHash, sessionEpoch: { increment: 1 } } });
    await endUserSessions(tx, id);
    await recordAudit(tx, admin, { action: "user.password", targetType: "user", targetId: id, summary: `Reset the password of ${target.email}; their sessions were ended` });
  });
}
