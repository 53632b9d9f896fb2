import JSZip from "jszip";
import sharp from "sharp";

// .docx files made for tests, part by part, as Word writes the few parts a story needs: a main
// document, its styles and relationships, and pictures in word/media.

export type DocxParagraph =
  | { text: string; style?: "Title" | "Heading1" | "Heading2" | "Caption"; bold?: boolean; center?: boolean }
  | { picture: Buffer; type: "png" | "jpeg" | "gif"; alt?: string };

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const STYLE_NAMES = { Title: "Title", Heading1: "heading 1", Heading2: "heading 2", Caption: "caption" } as const;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function paragraphXml(p: Extract<DocxParagraph, { text: string }>): string {
  const props = [p.style ? `<w:pStyle w:val="${p.style}"/>` : "", p.center ? `<w:jc w:val="center"/>` : ""].join("");
  const run = `<w:r>${p.bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${escapeXml(p.text)}</w:t></w:r>`;
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${run}</w:p>`;
}

function pictureXml(relId: string, n: number, alt: string): string {
  return (
    `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">` +
    `<wp:extent cx="3600000" cy="2700000"/><wp:docPr id="${n}" name="图片 ${n}" descr="${escapeXml(alt)}"/>` +
    `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="${n}" name="图片 ${n}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${relId}"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
  );
}

/** A zip holding those parts, optionally with extra ones (or without the main document). */
export async function docxZip(paragraphs: DocxParagraph[], { omitDocument = false } = {}): Promise<JSZip> {
  const zip = new JSZip();
  const rels: string[] = [`<Relationship Id="rIdStyles" Type="${R}/styles" Target="styles.xml"/>`];
  const body: string[] = [];
  paragraphs.forEach((p, n) => {
    if ("text" in p) return void body.push(paragraphXml(p));
    const ext = p.type === "jpeg" ? "jpeg" : p.type;
    const relId = `rIdPic${n}`;
    zip.file(`word/media/image${n}.${ext}`, p.picture);
    rels.push(`<Relationship Id="${relId}" Type="${R}/image" Target="media/image${n}.${ext}"/>`);
    body.push(pictureXml(relId, n + 1, p.alt ?? ""));
  });
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="gif" ContentType="image/gif"/>` +
      `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
      `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}">${rels.join("")}</Relationships>`);
  zip.file(
    "word/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">` +
      Object.entries(STYLE_NAMES).map(([id, name]) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`).join("") +
      `</w:styles>`,
  );
  if (!omitDocument) {
    zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body.join("")}</w:body></w:document>`);
  }
  return zip;
}

export async function makeDocx(paragraphs: DocxParagraph[], options: { omitDocument?: boolean } = {}): Promise<Buffer> {
  return (await docxZip(paragraphs, options)).generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A small photo with something in it, as a correspondent's .docx would carry. */
export async function photoBytes(format: "png" | "jpeg" = "jpeg", width = 320, height = 240): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 90 } } });
  return format === "png" ? image.png().toBuffer() : image.jpeg().toBuffer();
}

/** A one-pixel GIF: a picture format Word keeps and the photo desk does not take. */
export const GIF_BYTES = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");

/** The feature the tests import: 引题, Title, dash 副题, byline, dateline, subheads, a photo with its caption. */
export async function featureDocx(): Promise<Buffer> {
  return makeDocx([
    { text: "项目建设看一线", center: true },
    { text: "铁东区新开工项目二十个", style: "Title" },
    { text: "——全区重点项目集中开工侧记", center: true },
    { text: "本报记者 韩秋 通讯员 孙桢怡", center: true },
    { text: "本报讯（记者 韩秋）日前，铁东区二十个重点项目集中开工，总投资12.6亿元" },
    { text: "项目涵盖装备制造、农产品加工和城市更新三大领域。" },
    { text: "签约即开工", style: "Heading2" },
    { text: "今年以来，区里推行项目“代办制”，企业拿地后一个月内即可开工。" },
    { picture: await photoBytes("jpeg"), type: "jpeg", alt: "开工现场" },
    { text: "图为铁东区一处新开工项目的施工现场。 张三 摄" },
    { text: "服务跟着项目走", bold: true },
    { text: "区里为每个项目配了一名服务专员。" },
    { text: "“有事找专员，一个电话就到。”一家企业负责人说。" },
  ]);
}
