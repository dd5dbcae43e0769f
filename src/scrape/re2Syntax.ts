// Rewrites the RE2 spellings Prometheus configs use that JavaScript's
// unicode-mode RegExp rejects or reads differently: escaped punctuation
// (`\:`), `\A` `\z`, `\pL`, `\x{…}`, `\Q…\E`, POSIX classes and `(?P<name>`.

// Characters a unicode-mode RegExp lets follow a backslash outside a class.
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

function isPunct(c: string): boolean {
  return /^[!-/:-@[-`{-~]$/.test(c);
}

/** Escapes one literal character for a unicode-mode RegExp, inside a class or not. */
function literal(c: string, inClass: boolean): string {
  if (inClass) return c === ']' || c === '\\' || c === '^' || c === '-' ? `\\${c}` : c;
  return JS_SYNTAX.has(c) ? `\\${c}` : c;
}

/** The same pattern in JavaScript RegExp syntax (for the `u` and `s` flags). */
export function re2ToJs(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i];
      if (n === 'Q') {
        const end = pattern.indexOf('\\E', i + 1);
        const text = pattern.slice(i + 1, end < 0 ? undefined : end);
        for (const ch of text) out += literal(ch, inClass);
        i = end < 0 ? pattern.length : end + 1;
      } else if (n === 'A' && !inClass) out += '^';
      else if (n === 'z' && !inClass) out += '$';
      else if ((n === 'p' || n === 'P') && pattern[i + 1] !== '{' && i + 1 < pattern.length) out += `\\${n}{${pattern[++i]}}`;
      else if (n === 'x' && pattern[i + 1] === '{') {
        const end = pattern.indexOf('}', i);
        out += `\\u{${pattern.slice(i + 2, end)}}`;
        i = end;
      } else if (isPunct(n)) out += inClass ? literal(n, true) : JS_SYNTAX.has(n) ? `\\${n}` : n;
      else out += `\\${n}`;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix && POSIX[posix[2]] && !posix[1]) {
        out += POSIX[posix[2]];
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A leading `]` (after an optional `^`) is a literal in RE2.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (pattern.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    out += c;
  }
  return out;
}
