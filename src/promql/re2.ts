// RE2 pattern syntax that JavaScript's RegExp lacks, rewritten into syntax it
// has: named groups `(?P<name>…)`, and inline flag groups `(?i:…)` or a `(?i)`
// inside a group, whose case-insensitivity becomes explicit letter classes.
// A leading `(?i)` is left to compileAnchored, which makes it a RegExp flag.

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

export function re2ToJs(pattern: string): string {
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
