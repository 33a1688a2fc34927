/**
 * Sizes of a composed MIME message as it goes over the wire. Gmail clips a
 * message whose HTML passes ~102 KB, and what it counts is the part as sent,
 * after quoted-printable or base64 encoding (field case 14): a budget checked
 * on the UTF-8 string before encoding lets a digest grow past the clip.
 */

export interface PartSize {
  contentType: string;
  /** Bytes of the part's body as encoded in the message (headers excluded, line breaks included). */
  encodedBytes: number;
  transferEncoding: string;
}

/** The leaf parts of a (possibly nested) multipart message with their encoded body sizes. */
export function mimePartSizes(raw: Buffer): PartSize[] {
  return leafParts(raw.toString('latin1'));
}

function leafParts(entity: string): PartSize[] {
  const split = entity.search(/\r?\n\r?\n/);
  const head = split < 0 ? entity : entity.slice(0, split);
  const body = split < 0 ? '' : entity.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const contentType = /^content-type:\s*([^;\r\n]+)/im.exec(headers)?.[1]?.trim().toLowerCase() ?? 'text/plain';
  if (contentType.startsWith('multipart/')) {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (!boundary) throw new Error(`mime: a ${contentType} entity without a boundary`);
    const delimiter = `--${boundary}`;
    return body
      .split(new RegExp(`\\r?\\n?${escapeRegExp(delimiter)}(?:--)?[ \\t]*\\r?\\n?`))
      .slice(1, -1)
      .flatMap(leafParts);
  }
  const transferEncoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase() ?? '7bit';
  return [{ contentType, encodedBytes: Buffer.byteLength(body, 'latin1'), transferEncoding }];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The encoded size of the first text/html part; throws when the message has none. */
export function encodedHtmlBytes(raw: Buffer): number {
  const part = mimePartSizes(raw).find((p) => p.contentType === 'text/html');
  if (!part) throw new Error('mime: the message has no text/html part');
  return part.encodedBytes;
}
