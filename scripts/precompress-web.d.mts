/** Writes `.br` and `.gz` copies beside each text file under `dir`; answers their sizes. */
export function precompressDir(dir: string): { file: string; raw: number; gzip: number; brotli: number }[];
