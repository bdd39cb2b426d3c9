/**
 * A search snippet as GET /v1/search serves it: plain text in which each match stands between « and » (the API
 * turns the source's own « » into " first, so every « » is a highlight). Split into text and matches, to render as
 * text nodes and <mark> elements: no HTML is ever parsed from it.
 */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.match === match) parts[parts.length - 1] = { text: last.text + text, match };
    else parts.push({ text, match });
  };
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf('«');
    if (open === -1) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, open), false);
    const close = rest.indexOf('»', open + 1);
    if (close === -1) {
      // An unclosed highlight: its text is shown, unhighlighted, without the marker.
      push(rest.slice(open + 1), false);
      break;
    }
    push(rest.slice(open + 1, close), true);
    rest = rest.slice(close + 1);
  }
  return parts;
}
