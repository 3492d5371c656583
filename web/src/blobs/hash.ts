/** The address of a blob: SHA-256 of its bytes, lower-case hex (crypto.subtle; a secure context). */
export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export const BLOB_HASH = /^[0-9a-f]{64}$/;
