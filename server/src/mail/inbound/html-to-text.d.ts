// html-to-text 10 (the release mailparser uses) ships no types: the one function used here.
declare module 'html-to-text' {
  export function htmlToText(
    html: string,
    options?: { limits?: { maxDepth?: number }; wordwrap?: number | false },
  ): string;
}
