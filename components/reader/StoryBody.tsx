import type { StoryBody as Body } from "@/lib/stories/body";
import type { PhotoSize } from "@/lib/reader/queries";
import type { ReaderCredit } from "@/lib/stories/content";
import { StoryPhoto } from "@/components/reader/StoryPhoto";
import { DATELINE_CLOSED } from "@/lib/import/copy-parser";

// Renders typed blocks as the paper prints them; the dateline opens the first paragraph. 小标题 are
// one level under the story's headline: h2 on its own page (under the h1), h3 on a printed page.
/** `opensMidParagraph`: the body is the rest of a story continued from another page (上接), broken inside a paragraph. */
export function StoryBody({
  body,
  dateline,
  photoSizes,
  firstPhotoPriority = false,
  credits,
  opensMidParagraph = false,
  subheadAs: Subhead = "h3",
}: {
  body: Body;
  dateline?: string;
  photoSizes: Record<string, PhotoSize>;
  firstPhotoPriority?: boolean;
  credits?: readonly ReaderCredit[];
  opensMidParagraph?: boolean;
  subheadAs?: "h2" | "h3";
}) {
  const firstParagraph = body.findIndex((b) => b.type === "paragraph");
  const firstPhoto = body.findIndex((b) => b.type === "photo");
  return (
    <div className="story-text">
      {body.map((block, i) => {
        if (block.type === "subhead") {
          return (
            <Subhead key={i} className="mt-5 mb-2 font-serif text-lg font-bold">
              {block.text}
            </Subhead>
          );
        }
        if (block.type === "photo") {
          return <StoryPhoto key={i} block={block} size={photoSizes[block.photoId]} priority={firstPhotoPriority && i === firstPhoto} credits={credits} />;
        }
        return (
          <p key={i} className={opensMidParagraph && i === firstParagraph ? "continued" : undefined}>
            {/* A dateline without brackets (本报讯 记者 王芳 报道) is followed by a space, as printed. */}
            {i === firstParagraph && dateline && <span className="font-bold">{DATELINE_CLOSED.test(dateline) ? dateline : `${dateline} `}</span>}
            {block.text}
          </p>
        );
      })}
    </div>
  );
}
