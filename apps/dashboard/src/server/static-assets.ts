import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export interface StaticAsset {
  contentType: string;
  body: Buffer;
}

/** The browser code folder: plain ES modules and CSS, served as they are. */
export const WEB_DIR = fileURLToPath(new URL("../web/", import.meta.url));

/**
 * Loads the page's files once, at start: a fixed map from URL path to file, so no request path ever
 * reaches the file system (no traversal to worry about). Test files beside the code are left out.
 * `index.html` gets the default range filled in.
 */
export async function loadStaticAssets(defaultDays: number): Promise<Map<string, StaticAsset>> {
  const assets = new Map<string, StaticAsset>();
  for (const name of await readdir(WEB_DIR)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType || name.includes(".test.")) continue;
    let body = await readFile(join(WEB_DIR, name));
    if (name === "index.html") {
      body = Buffer.from(body.toString("utf8").replaceAll("{{DEFAULT_DAYS}}", String(defaultDays)));
      assets.set("/", { contentType, body });
    }
    assets.set(`/${name}`, { contentType, body });
  }
  return assets;
}
