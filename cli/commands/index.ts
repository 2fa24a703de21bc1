/** The CLI's subcommands, in the order `help` lists them. */
import type { Command } from "../types";
import { ansibleCommand } from "./ansible";
import { assessCommand } from "./assess";
import { bundleCommand } from "./bundle";
import { catalogCommand } from "./catalog";
import { importCommand } from "./import";
import { initCommand } from "./init";
import { renderCommand } from "./render";
import { sourceListCommand } from "./source-list";
import { verifyCommand } from "./verify";

export const COMMANDS: readonly Command[] = [initCommand, catalogCommand, assessCommand, renderCommand, bundleCommand, ansibleCommand, importCommand, sourceListCommand, verifyCommand];
