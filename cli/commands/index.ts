/** The CLI's subcommands, in the order `help` lists them. */
import type { Command } from "../types";
import { assessCommand } from "./assess";
import { catalogCommand } from "./catalog";
import { initCommand } from "./init";

export const COMMANDS: readonly Command[] = [initCommand, catalogCommand, assessCommand];
