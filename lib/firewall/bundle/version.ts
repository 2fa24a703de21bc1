/** The product version written into every generated file's header. */
import { version } from "../../../package.json";

export const PRODUCT_VERSION: string = version;
