/**
 * The boot guard's names (docs/backends.md §9, "A reboot before the confirmation"), apart from the
 * apply frame so the backends' facts, which menus load, carry no script code.
 */

/** The unit apply.sh writes while a decision is open. */
export const guardUnit = (backend: string) => `portcullis-guard-${backend}.service`;
export const GUARD_UNIT_DIR = "/etc/systemd/system";
/** The guard as the bundle README lists it among what apply.sh writes. */
export const guardFact = (backend: string) => ({
  what: `\`${GUARD_UNIT_DIR}/${guardUnit(backend)}\` and its link in \`sysinit.target.wants/\`: the boot guard, from the apply until the decision (if the server boots before you confirm, it puts the saved files back first)`,
  backup: "none: Portcullis's own unit; the confirmation or the rollback removes it",
});
/** Where `systemctl enable` links a unit with WantedBy=sysinit.target. */
export const GUARD_WANTS_DIR = `${GUARD_UNIT_DIR}/sysinit.target.wants`;
