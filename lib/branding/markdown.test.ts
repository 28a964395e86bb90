import { describe, expect, it } from "vitest";
import { renderBrandText } from "./markdown";

describe("welcome / thank-you Markdown", () => {
  it("keeps the subset: paragraphs, bold, italic, lists, https links (opened outside the page)", () => {
    const html = renderBrandText("Hello **there** and *you*\n\n- one\n- two\n\n[Our site](https://example.com/a)");
    expect(html).toContain("<strong>there</strong>");
    expect(html).toContain("<em>you</em>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('<a href="https://example.com/a" target="_blank" rel="noopener noreferrer nofollow">Our site</a>');
  });

  it("drops scripts, event handlers, images, iframes, styles and javascript: links", () => {
    const html = renderBrandText(
      '<script>alert(1)</script><img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe><p style="color:red" onclick="x()">hi</p>\n\n[x](javascript:alert(1)) ![i](https://evil.example/i.png)',
    );
    expect(html).not.toMatch(/<script|onerror|onclick|<iframe|<img|style=|href="javascript:/i);
    expect(html).toContain("hi");
  });

  it("refuses plain-http and protocol-relative links but keeps their text", () => {
    const html = renderBrandText("[a](http://example.com) [b](//evil.example)");
    expect(html).not.toContain("href");
    expect(html).toContain("a");
  });

  it("empty text renders nothing", () => {
    expect(renderBrandText("   ")).toBe("");
    expect(renderBrandText(null)).toBe("");
  });
});
