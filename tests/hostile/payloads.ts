/** Hostile inputs, by class: each is either refused with a clear 4xx or stored exactly and shown inert. */
export const HOSTILE_TEXT: Record<string, string> = {
  script: '<script>alert("x")</script>',
  imgOnerror: '"><img src=x onerror=alert(1)>',
  svgOnload: '<svg onload=alert(1)>',
  jsUrl: '[click](javascript:alert(1))',
  sqlFragment: "'; DROP TABLE segments; --",
  sqlUnion: '1 UNION SELECT password_hash FROM users',
  bidiOverride: 'evil\u202Egnp.exe\u202C text',
  rtlMarks: '\u200F\u200E\u2067isolate\u2069',
  zeroWidth: 'a\u200Bb\u200Cc\u200Dd\uFEFFe',
  emoji: '👩🏽‍💻 😀 𠀀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  pathTrick: '../../../../etc/passwd',
  templateTrick: '<%= process.env %> {{constructor.constructor("alert(1)")()}} ${7*7}',
  protoKey: '__proto__',
  crlf: 'line one\r\nline two\rline three',
  tabs: '\tindented\t',
  markdownHtml: '<iframe src="https://evil.example"></iframe><a href="data:text/html,x">d</a>',
};

/** Inputs that must be refused (4xx), never stored. */
export const REFUSED_TEXT: Record<string, string> = {
  nul: 'a\u0000b',
  controlChars: 'bell\u0007 escape\u001b[31m',
  loneHighSurrogate: 'broken \ud800 text',
  loneLowSurrogate: 'broken \udc00 text',
};

/** A string just over the API's per-paragraph limit. */
export const HUGE_TEXT = 'x'.repeat(100_001);
