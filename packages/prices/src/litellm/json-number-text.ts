// JSON.parse turns 1.875e-08 into a binary float; the catalog needs the number's text (Node 20's
// JSON.parse has no access to it). So every number outside a string is rewritten as a marked string
// first, and the schema (litellm-entry.ts) reads the text back.

/** Marks a string that was a JSON number; the JSON escape \u0001 never occurs in price files. */
export const NUMBER_MARK = "\u0001";
const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses JSON text, every number becoming the string NUMBER_MARK + its text. */
export function parseJsonKeepingNumberText(text: string): unknown {
  if (text.includes("\\u0001"))
    throw new SyntaxError("the file contains the escape \\u0001, which is not supported");
  let rewritten = "";
  let position = 0;
  while (position < text.length) {
    const character = text[position]!;
    if (character === '"') {
      const end = endOfString(text, position);
      rewritten += text.slice(position, end);
      position = end;
    } else if (character === "-" || (character >= "0" && character <= "9")) {
      NUMBER_TOKEN.lastIndex = position;
      const match = NUMBER_TOKEN.exec(text);
      if (!match) throw new SyntaxError(`invalid number at offset ${position}`);
      rewritten += `"\\u0001${match[0]}"`;
      position += match[0].length;
    } else {
      rewritten += character;
      position += 1;
    }
  }
  return JSON.parse(rewritten);
}

/** The offset just after the string literal that starts at `start` (its opening quote). */
function endOfString(text: string, start: number): number {
  let position = start + 1;
  while (position < text.length) {
    const character = text[position];
    if (character === "\\") position += 2;
    else if (character === '"') return position + 1;
    else position += 1;
  }
  throw new SyntaxError(`unterminated string at offset ${start}`);
}
