/**
 * The README's shell examples as commands: every ```sh block, line by line, comments removed,
 * `;`-separated commands apart, each split into words as a POSIX shell would (quotes, no
 * expansion). The README test parses the `npx vip` ones; `npm run readme:run` runs them all.
 */
export interface ReadmeCommand {
  /** 1-based line of the README it is on. */
  readonly line: number;
  readonly block: number;
  readonly text: string;
  readonly words: readonly string[];
}

export function readmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let block = -1;
  let inShell = false;
  markdown.split('\n').forEach((raw, index) => {
    if (/^```/.test(raw)) {
      inShell = !inShell && /^```(sh|bash|shell)\s*$/.test(raw);
      if (inShell) block++;
      return;
    }
    if (!inShell) return;
    for (const words of commandsOfLine(raw))
      if (words.length) commands.push({ line: index + 1, block, text: words.join(' '), words });
  });
  return commands;
}

/** Splits a line into commands (at `;` and `&&` outside quotes) of words; `#` after a blank starts a comment. */
export function commandsOfLine(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word = (word ?? '') + line[++i];
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word = word ?? '';
    } else if (c === '#' && word === undefined) {
      break;
    } else if (c === ';') {
      endCommand();
    } else if (c === '&' && line[i + 1] === '&') {
      i++;
      endCommand();
    } else if (/\s/.test(c)) {
      endWord();
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${line}`);
  endCommand();
  return commands.filter((w) => w.length);
}

/** The arguments of a `npx vip ...` command, or undefined for any other command. */
export function vipArguments(command: ReadmeCommand): string[] | undefined {
  const [npx, vip, ...args] = command.words;
  return npx === 'npx' && vip === 'vip' ? args : undefined;
}
