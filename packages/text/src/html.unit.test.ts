import { describe, expect, it } from 'vitest';
import { htmlToPlainText } from './html.ts';

describe('htmlToPlainText', () => {
  it('keeps paragraphs and line breaks and drops every tag', () => {
    expect(htmlToPlainText('<p>Hello <a href="https://x.example">@x</a></p><p>two<br>lines &amp; more</p>')).toBe('Hello @x\n\ntwo\nlines & more');
  });

  it('leaves no markup behind, even escaped markup', () => {
    expect(htmlToPlainText('<script>alert(1)</script>&lt;b&gt;')).toBe('alert(1)<b>');
  });
});
