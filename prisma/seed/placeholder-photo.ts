import sharp from "sharp";

// Draws a plain landscape (sky, sun, hills) in the given hue, standing in for a press photo.
export async function placeholderPhoto(hue: number, width = 1200, height = 800): Promise<Buffer> {
  const h = ((hue % 360) + 360) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="hsl(${h},55%,78%)"/><stop offset="1" stop-color="hsl(${(h + 30) % 360},45%,92%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <circle cx="${width * 0.75}" cy="${height * 0.28}" r="${height * 0.09}" fill="hsl(${(h + 180) % 360},70%,85%)"/>
    <path d="M0 ${height * 0.7} Q ${width * 0.25} ${height * 0.45} ${width * 0.5} ${height * 0.68} T ${width} ${height * 0.6} V ${height} H 0 Z" fill="hsl(${(h + 90) % 360},35%,42%)"/>
    <path d="M0 ${height * 0.82} Q ${width * 0.4} ${height * 0.66} ${width} ${height * 0.85} V ${height} H 0 Z" fill="hsl(${(h + 100) % 360},40%,30%)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}
