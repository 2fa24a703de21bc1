/**
 * A small XML reader for firewalld's files: elements, attributes and text, with the five predefined
 * entities and character references only. DOCTYPE (and so any entity declaration) is refused:
 * nothing is expanded, nothing is fetched.
 */
import { fileLines } from "../../import/text";
import { ImportInputError, type ImportFile } from "../../import/types";

export type XmlElement = { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string; line: number };

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string, file: string, line: number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const v = PREDEFINED[ref];
    if (v === undefined) throw new ImportInputError(file, line, `the entity &${ref}; is not one of XML's predefined entities; entities are never expanded.`);
    return v;
  });
}

export function parseXml(file: ImportFile): XmlElement {
  fileLines(file);
  const text = file.text;
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    const at = text.search(/<!DOCTYPE|<!ENTITY/i);
    throw new ImportInputError(file.path, text.slice(0, at).split("\n").length, "a DOCTYPE or entity declaration: refused (firewalld files never need one, and expanding entities could read files or the network).");
  }
  const root: XmlElement = { name: "#root", attrs: {}, children: [], text: "", line: 0 };
  const stack = [root];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/\s*([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  let line = 1;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    line += (text.slice(last, m.index).match(/\n/g) ?? []).length;
    last = m.index;
    const top = stack[stack.length - 1]!;
    if (m[7]) throw new ImportInputError(file.path, line, "malformed XML (a < that starts no element).");
    if (m[6] !== undefined) top.text += decode(m[6], file.path, line);
    else if (m[1] !== undefined) top.text += m[1];
    else if (m[2]) {
      if (top.name !== m[2]) throw new ImportInputError(file.path, line, `</${m[2]}> closes <${top.name}>: malformed or truncated XML.`);
      stack.pop();
    } else if (m[3]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1] ?? ""] = decode(a[2] ?? a[3] ?? "", file.path, line);
      const el: XmlElement = { name: m[3], attrs, children: [], text: "", line };
      top.children.push(el);
      if (m[5] !== "/") stack.push(el);
    }
  }
  if (stack.length > 1) throw new ImportInputError(file.path, null, `<${stack[stack.length - 1]!.name}> is never closed: the file is truncated.`);
  const doc = root.children[0];
  if (!doc || root.children.length > 1) throw new ImportInputError(file.path, null, "not one XML document.");
  return doc;
}
