import { existsSync } from "node:fs";
import { join } from "node:path";
import { Font } from "@react-pdf/renderer";

/**
 * The PDF's typeface: DejaVu Sans (npm package dejavu-fonts-ttf), embedded in each file, so names
 * and addresses in Cyrillic, Greek and most Latin scripts print as written. Read from the disk
 * (node_modules beside the process; the standalone build copies it there, see next.config.ts),
 * never from the network. When it cannot be found the built-in Helvetica (Latin-1 only) is used.
 */
export const pdfFontFamily = registerFont();

function registerFont(): { regular: string; bold: string } {
  const dirs = [process.env.PDF_FONT_DIR, join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf")].filter((d): d is string => Boolean(d));
  const dir = dirs.find((d) => existsSync(join(d, "DejaVuSans.ttf")) && existsSync(join(d, "DejaVuSans-Bold.ttf")));
  if (!dir) return { regular: "Helvetica", bold: "Helvetica-Bold" };
  Font.register({
    family: "DejaVu Sans",
    fonts: [
      { src: join(dir, "DejaVuSans.ttf"), fontWeight: "normal" },
      { src: join(dir, "DejaVuSans-Bold.ttf"), fontWeight: "bold" },
    ],
  });
  // Words are not split with hyphens the font may lack.
  Font.registerHyphenationCallback((word) => [word]);
  return { regular: "DejaVu Sans", bold: "DejaVu Sans" };
}
