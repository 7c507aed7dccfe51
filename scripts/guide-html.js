/* eslint-disable no-undef */
/**
 * docs/guide.zh.md as a page the add-in ships beside help.html (dist/guide.html, images in dist/guide/),
 * so that a clerk on an intranet without GitHub can read it from the pane's help. Only the Markdown the
 * guide uses: headings, paragraphs, lists, block quotes, images, links, **bold** and `code`. Everything
 * is escaped first; the page loads nothing but its own images (webpack.config.js copies them).
 */

const escape = (s) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** A link in the guide to a Markdown file of the repository has no page beside guide.html: its text stays. */
function inline(text) {
  return escape(text)
    .replace(
      /!\[([^\]]*)\]\(([^)\s]+)\)/g,
      (_, alt, src) => `<img src="${src}" alt="${alt}" loading="lazy" />`
    )
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) =>
      /\.md(#.*)?$/.test(href) || /^[a-z]+:/i.test(href) ? label : `<a href="${href}">${label}</a>`
    )
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/`([^`]+)`/g, "<code>$1</code>");
}

function body(markdown) {
  const out = [];
  let para = [];
  let list = null; // "ul" | "ol"
  let quote = [];
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(" "))}</p>`);
    para = [];
    if (list) out.push(`</${list}>`);
    list = null;
    if (quote.length) out.push(`<blockquote><p>${inline(quote.join(" "))}</p></blockquote>`);
    quote = [];
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd();
    let m;
    if (!line.trim()) flush();
    else if ((m = /^(#{1,4})\s+(.*)$/.exec(line))) {
      flush();
      out.push(`<h${m[1].length}>${inline(m[2])}</h${m[1].length}>`);
    } else if ((m = /^>\s?(.*)$/.exec(line))) {
      if (para.length || list) flush();
      quote.push(m[1]);
    } else if ((m = /^\s*(?:([-*])|\d+\.)\s+(.*)$/.exec(line))) {
      const kind = m[1] ? "ul" : "ol";
      if (para.length || quote.length || (list && list !== kind)) flush();
      if (!list) out.push(`<${(list = kind)}>`);
      out.push(`<li>${inline(m[2])}</li>`);
    } else if (list && /^\s+\S/.test(line)) {
      // A list item's continuation line joins the item.
      out[out.length - 1] = out[out.length - 1].replace(/<\/li>$/, ` ${inline(line.trim())}</li>`);
    } else para.push(line.trim());
  }
  flush();
  return out.join("\n");
}

function guidePage(markdown) {
  const title = (/^#\s+(.*)$/m.exec(markdown) || [, "使用指南"])[1];
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'unsafe-inline'; img-src 'self'; object-src 'none'" />
    <title>${escape(title)}</title>
    <style>
      body { max-width: 860px; margin: 0 auto; padding: 12px 16px 48px; font: 15px/1.7 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #222; }
      img { max-width: 100%; border: 1px solid #ccc; margin: 4px 0; }
      h1 { font-size: 24px; } h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #ddd; } h3 { font-size: 16px; }
      code { background: #f3f3f3; padding: 0 3px; }
      blockquote { margin: 0; padding: 2px 12px; border-left: 4px solid #217346; background: #f4faf6; }
    </style>
  </head>
  <body>
${body(markdown)}
  </body>
</html>
`;
}

module.exports = { guidePage };
