import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cssReferences, pageForms, pageLinks, pageReferences, scanHtml, stylesheetLinks } from './html-scan.js';

function urls(html: string): string[] {
  return pageReferences(scanHtml(html)).map((reference) => reference.url);
}

describe('the HTML scan of the audit', () => {
  test('finds every kind of resource a browser fetches, quoted or not, any case', () => {
    const html = `<!doctype html><HTML><head>
      <link rel="stylesheet" href="/a.css"><link rel=icon href=/favicon.ico><LINK REL='preload' HREF='https://fonts.example/f.woff2' as=font>
      <link rel="canonical" href="https://elsewhere.example/page">
      <script src="https://cdn.example/x.js"></script></head><body>
      <img src="/i.png" srcset="/i-2x.png 2x, https://img.example/i-3x.png 3x"><picture><source srcset="https://img.example/a.webp"></picture>
      <iframe src="https://frame.example/"></iframe><video src="/v.mp4" poster="https://poster.example/p.jpg"></video>
      <audio src=/a.mp3></audio><object data="https://obj.example/o"></object><embed src="/e">
      <form action="https://forms.example/post" method="post"><input type="image" src="/b.png"><button formaction="/other">x</button></form>
      <div style="background: url('https://bg.example/bg.png')"></div><style>p { background: url(/p.png) } @import "https://css.example/i.css";</style>
      </body></HTML>`;
    assert.deepEqual(urls(html), [
      '/a.css',
      '/favicon.ico',
      'https://fonts.example/f.woff2',
      'https://cdn.example/x.js',
      '/i.png',
      '/i-2x.png',
      'https://img.example/i-3x.png',
      'https://img.example/a.webp',
      'https://frame.example/',
      '/v.mp4',
      'https://poster.example/p.jpg',
      '/a.mp3',
      'https://obj.example/o',
      '/e',
      'https://forms.example/post',
      '/b.png',
      '/other',
      'https://bg.example/bg.png',
      '/p.png',
      'https://css.example/i.css',
    ]);
  });

  test('ignores comments and script text, decodes character references', () => {
    const html = `<!-- <script src="https://commented.example/x.js"></script> -->
      <script>document.write('<img src="https://inscript.example/i.png">')</script>
      <img src="/search?a=1&amp;b=&#x32;"><a href="/next?x=1&amp;y=2">next</a>`;
    assert.deepEqual(urls(html), ['/search?a=1&b=2']);
    assert.deepEqual(pageLinks(scanHtml(html)), ['/next?x=1&y=2']);
  });

  test('a srcset URL may hold commas; descriptors are not URLs', () => {
    assert.deepEqual(urls('<img srcset="/a,b.png 1x,/c.png 2x, /d.png">'), ['/a,b.png', '/c.png', '/d.png']);
  });

  test('stylesheet links, and url() and @import in CSS, without comments', () => {
    assert.deepEqual(stylesheetLinks(scanHtml('<link rel="stylesheet" href="/s.css"><link rel="icon" href="/i.ico">')), ['/s.css']);
    assert.deepEqual(
      cssReferences(`/* url(https://comment.example/x) */ a { b: url( "/q.png" ) } @import '/more.css'; c { d: url(data:x) }`),
      ['/q.png', 'data:x', '/more.css'],
    );
  });

  test('forms with their fields and submit buttons, as the language switch is found', () => {
    const [form, search] = pageForms(
      scanHtml(`<form method="POST" action="/language"><input type="hidden" name="back" value="/a?b=1&amp;c=2">
        <button type="submit" name="lang" value="nl" aria-pressed="true">NL</button><button name="lang" value="en">EN</button></form>
        <form action="/search"><input name="q"><input type="checkbox" name="x"></form>`),
    );
    assert.equal(form!.method, 'post');
    assert.equal(form!.action, '/language');
    assert.deepEqual([...form!.fields], [['back', '/a?b=1&c=2']]);
    assert.deepEqual(form!.buttons, [
      { name: 'lang', value: 'nl', pressed: true },
      { name: 'lang', value: 'en', pressed: false },
    ]);
    assert.equal(search!.method, 'get');
    assert.deepEqual([...search!.fields], [['q', '']]);
  });
});
