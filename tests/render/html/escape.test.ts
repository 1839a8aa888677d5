import { describe, expect, it } from 'vitest';
import { escapeHtml, html, Html, trustedHtml } from '../../../src/render/html/escape.js';
import { svgProblem, trustedSvg } from '../../../src/render/html/svg-safety.js';

describe('escapeHtml', () => {
  it('replaces the five characters that can start markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  });

  it('leaves other text, including non-ASCII, alone', () => {
    expect(escapeHtml('tCO₂e −28% £5')).toBe('tCO₂e −28% £5');
  });

  it('escapes an existing entity again, so text is never read as markup', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('html template', () => {
  it('escapes interpolated strings and keeps the template text', () => {
    const name = '<script>alert(1)</script>';
    expect(html`<p class="site">${name}</p>`.toString()).toBe('<p class="site">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('escapes a value that tries to leave a quoted attribute', () => {
    const v = '"><img src=x onerror=alert(1)>';
    expect(html`<td title="${v}">`.toString()).toBe('<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">');
  });

  it('passes nested Html through once, without escaping it twice', () => {
    const inner = html`<b>${'a & b'}</b>`;
    expect(html`<p>${inner}</p>`.toString()).toBe('<p><b>a &amp; b</b></p>');
  });

  it('joins arrays and drops null, undefined and false', () => {
    expect(html`<ul>${['<1>', html`<li>2</li>`]}${null}${undefined}${false}</ul>`.toString()).toBe('<ul>&lt;1&gt;<li>2</li></ul>');
  });

  it('marks markup as trusted only when asked', () => {
    const t = trustedHtml('<svg></svg>');
    expect(t).toBeInstanceOf(Html);
    expect(html`${t}`.toString()).toBe('<svg></svg>');
  });
});

describe('svgProblem', () => {
  const ok = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g><text x="1">&lt;script&gt; "quoted"</text><path d="M0,0"/></g></svg>';

  it('accepts a static chart with escaped text', () => {
    expect(svgProblem(ok)).toBeUndefined();
    expect(trustedSvg(ok).toString()).toBe(ok);
  });

  it.each([
    ['<svg><script>alert(1)</script></svg>', 'element <script> is not allowed'],
    ['<svg><foreignObject></foreignObject></svg>', 'element <foreignObject> is not allowed'],
    ['<svg><g onclick="alert(1)"></g></svg>', 'event attribute onclick is not allowed'],
    ['<svg><a href="https://example.org"></a></svg>', 'element <a> is not allowed'],
    ['<svg><image xlink:href="x.png"/></svg>', 'element <image> is not allowed'],
    ['<svg><g xlink:href="x"></g></svg>', 'link attribute xlink:href is not allowed'],
    ['<svg><rect fill="url(https://example.org/x)"/></svg>', 'attribute fill refers outside the chart'],
    ['<svg><text>a > b</text></svg>', 'unescaped angle bracket in text: a > b'],
    ["<svg><g class='x'></g></svg>", "unexpected markup: <g class='x'>"],
    ['<div></div>', 'does not start with <svg'],
  ])('rejects %s', (svg, problem) => {
    expect(svgProblem(svg)).toBe(problem);
    expect(() => trustedSvg(svg)).toThrow(problem);
  });

  it('allows a reference to a clip path inside the chart', () => {
    expect(svgProblem('<svg><g clip-path="url(#clip1)"></g></svg>')).toBeUndefined();
  });
});
