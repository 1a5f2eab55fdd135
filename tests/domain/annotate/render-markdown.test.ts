import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../server/domain/annotate/index.js';

describe('renderMarkdown', () => {
  it('renders the Markdown reviewers use', () => {
    expect(renderMarkdown('**bold** *em* `code`\n\n- item')).toBe(
      '<p><strong>bold</strong> <em>em</em> <code>code</code></p>\n<ul>\n<li>item</li>\n</ul>',
    );
  });
  it('opens links safely', () => {
    expect(renderMarkdown('[BIS](https://www.bis.gov/)')).toBe(
      '<p><a href="https://www.bis.gov/" rel="noopener noreferrer nofollow" target="_blank">BIS</a></p>',
    );
  });

  // Each payload must come out with nothing executable left in it.
  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '![x](https://tracker.example/pixel.png)',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '<form action="https://evil.example"><button>x</button></form>',
  ])('neutralises %s', (payload) => {
    const html = renderMarkdown(payload);
    expect(html).not.toMatch(/<(script|img|svg|iframe|div|form|button)\b/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/href="(javascript|data):/i);
  });
});
