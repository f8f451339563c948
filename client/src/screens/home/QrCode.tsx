import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code as an SVG image, for a join link that a phone or tablet can open from the seat sheet. */
export function QrCode({ text, label, size = 128 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return src ? (
    <img className="qr" src={src} width={size} height={size} alt={label} />
  ) : (
    <span className="qr placeholder" style={{ width: size, height: size }} aria-hidden="true" />
  );
}
