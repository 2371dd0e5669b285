import fc from 'fast-check';
import {
  ELLIPSIS,
  escapeInline,
  escapeKeepingCode,
  escapeMrkdwn,
  mrkdwn,
  mrkdwnLink,
  plain,
  safeLinkUrl,
  truncate,
  truncateMrkdwn,
} from '../../../../src/bot/render/escape-mrkdwn.js';

/** True when every `&` starts one of the three entities and no `<` or `>` is left. */
function fullyEscaped(text: string): boolean {
  return !/[<>]/.test(text) && !/&(?!amp;|lt;|gt;)/.test(text);
}

describe('escapeMrkdwn', () => {
  it('escapes exactly & < > and & first (docs/outside-apis.md section 5.3)', () => {
    expect(escapeMrkdwn('a & <!channel> <@U1> <http://x|y>')).toBe(
      'a &amp; &lt;!channel&gt; &lt;@U1&gt; &lt;http://x|y&gt;',
    );
    expect(escapeMrkdwn('&lt;!here&gt;')).toBe('&amp;lt;!here&amp;gt;');
    expect(escapeMrkdwn('*bold* _it_ `code` "q"')).toBe('*bold* _it_ `code` "q"');
  });

  it('leaves nothing unescaped for any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => fullyEscaped(escapeMrkdwn(text))));
  });
});

describe('text objects', () => {
  it('mrkdwn is verbatim and cut to 3000 by default', () => {
    const object = mrkdwn('x'.repeat(5000));
    expect(object).toEqual({ type: 'mrkdwn', text: `${'x'.repeat(2999)}${ELLIPSIS}`, verbatim: true });
  });

  it('plain escapes raw text, puts it on one line, keeps emoji off and respects max', () => {
    expect(plain('a <@U1>\nb')).toEqual({ type: 'plain_text', text: 'a &lt;@U1&gt; b', emoji: false });
    expect(plain(':zzz: Powered off', { emoji: true }).emoji).toBe(true);
    const cut = plain('<'.repeat(200), { max: 75 });
    expect(cut.text.length).toBeLessThanOrEqual(75);
    expect(cut.text).toBe(`${'&lt;'.repeat(18)}${ELLIPSIS}`);
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text to max with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe(`abc${ELLIPSIS}`);
    expect(truncate('abc', 0)).toBe('');
  });

  it('never leaves half a surrogate pair', () => {
    expect(truncate('a😀😀😀', 3)).toBe(`a${ELLIPSIS}`);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        const out = truncate(text, max);
        return out.length <= max && !/[\ud800-\udbff](?![\udc00-\udfff])/.test(out);
      }),
    );
  });
});

describe('truncateMrkdwn', () => {
  it('never cuts an entity, a link or a code span in two', () => {
    expect(truncateMrkdwn('ab &amp; cd', 6)).toBe(`ab ${ELLIPSIS}`);
    expect(truncateMrkdwn('see <https://x.example/a|the page> now', 20)).toBe(`see ${ELLIPSIS}`);
    expect(truncateMrkdwn('run `service nessusd stop` then', 14)).toBe(`run \`service${ELLIPSIS}\``);
  });

  it('keeps escaped text fully escaped and within max for any cut', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 60 }), (raw, max) => {
        const out = truncateMrkdwn(escapeMrkdwn(raw), max);
        return out.length <= max && fullyEscaped(out);
      }),
    );
  });
});

describe('escapeInline and escapeKeepingCode', () => {
  it('escapeInline removes control characters and line breaks', () => {
    expect(escapeInline('host\u001b[31m-01\r\n<!channel>')).toBe('host-01 &lt;!channel&gt;');
  });

  it('turns backtick pairs into code spans and an unpaired one into a quote', () => {
    expect(escapeKeepingCode('Run `ping 10.1.2.3` from <scanner>')).toBe(
      'Run `ping 10.1.2.3` from &lt;scanner&gt;',
    );
    expect(escapeKeepingCode('a `b` c `d')).toBe("a `b` c 'd");
    expect(escapeKeepingCode('empty `` span')).toBe('empty  span');
  });
});

describe('links', () => {
  it('links http(s) URLs with an escaped label and escapes & in the URL', () => {
    expect(mrkdwnLink('https://inv.example/s?c=alc&search=10.1.2.3', 'Inventory <b>')).toBe(
      '<https://inv.example/s?c=alc&amp;search=10.1.2.3|Inventory &lt;b&gt;>',
    );
  });

  it('percent-encodes characters that could end the link early', () => {
    expect(safeLinkUrl('https://x.example/?q=a|b>c<d e')).toBe('https://x.example/?q=a%7Cb%3Ec%3Cd%20e');
  });

  it('shows only the label for anything but http(s)', () => {
    for (const url of ['javascript:alert(1)', 'slack://open', 'ftp://x.example', 'https://', 'not a url']) {
      expect(safeLinkUrl(url)).toBeNull();
      expect(mrkdwnLink(url, 'click')).toBe('click');
    }
  });
});
