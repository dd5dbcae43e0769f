// RE2 pattern syntax, as Prometheus's matchers and relabel rules are written,
// rewritten into the JavaScript RegExp syntax (`u` and `s` flags) that means
// the same: escaped punctuation (`\:`), `\A` `\z`, `\pL`, `\x{…}`, `\Q…\E`,
// POSIX classes, `(?P<name>`, and inline flag groups `(?i:…)` whose
// case-insensitivity becomes explicit letter classes. A leading `(?i)` is
// left to compileAnchored, which makes it a RegExp flag.

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

/** RE2 escapes, classes and group syntax in JavaScript spelling. */
function escapesToJs(pattern: string): string {
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

function bothCases(ch: string): string {
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  return lo === up ? ch : `${lo}${up}`;
}

/** A class body with every letter (and letter range) in both cases. */
function foldClass(body: string): string {
  let out = body;
  for (const m of body.matchAll(/([a-zA-Z])-([a-zA-Z])|\\.|([a-zA-Z])/g)) {
    if (m[1]) {
      const other = m[1] === m[1].toLowerCase() ? `${m[1].toUpperCase()}-${m[2].toUpperCase()}` : `${m[1].toLowerCase()}-${m[2].toLowerCase()}`;
      out += other;
    } else if (m[3]) {
      out += bothCases(m[3]).replace(m[3], '');
    }
  }
  return out;
}

/** Inline flag groups `(?i:…)` / `((?i)…)` made explicit, since RegExp takes flags only for the whole pattern. */
function foldInlineFlags(pattern: string): string {
  const lead = /^\(\?[ims]+\)/.exec(pattern)?.[0] ?? '';
  const rest = pattern.slice(lead.length);
  if (!/\(\?/.test(rest)) return pattern;
  let out = lead;
  // Case-insensitivity per open group; the outermost entry is the pattern itself.
  const stack: boolean[] = [false];
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    const ci = stack[stack.length - 1];
    if (c === '\\') {
      const next = rest[i + 1] ?? '';
      out += ci && /[a-zA-Z]/.test(next) && !/[dDwWsSbBpPnrtfvx]/.test(next) ? `[${bothCases(next)}]` : c + next;
      i++;
    } else if (c === '[') {
      let j = i + 1;
      if (rest[j] === '^') j++;
      if (rest[j] === ']') j++;
      while (j < rest.length && rest[j] !== ']') j += rest[j] === '\\' ? 2 : 1;
      const body = rest.slice(i + 1, j);
      out += ci ? `[${foldClass(body)}]` : `[${body}]`;
      i = j;
    } else if (c === '(') {
      const flags = /^\(\?([a-zA-Z-]*)([:)])/.exec(rest.slice(i));
      const named = /^\(\?P</.exec(rest.slice(i));
      if (named) {
        out += '(?<';
        stack.push(ci);
        i += named[0].length - 1;
      } else if (flags) {
        const [on, off = ''] = flags[1].split('-');
        const next = on.includes('i') ? true : off.includes('i') ? false : ci;
        if (flags[2] === ':') {
          out += '(?:';
          stack.push(next);
        } else {
          stack[stack.length - 1] = next;
        }
        i += flags[0].length - 1;
      } else {
        out += c;
        stack.push(ci);
      }
    } else if (c === ')') {
      out += c;
      if (stack.length > 1) stack.pop();
    } else {
      out += ci && /[a-zA-Z]/.test(c) ? `[${bothCases(c)}]` : c;
    }
  }
  return out;
}

/** The same pattern in JavaScript RegExp syntax. */
export function re2ToJs(pattern: string): string {
  return escapesToJs(foldInlineFlags(pattern));
}
