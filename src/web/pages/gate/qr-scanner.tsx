import { Alert, Button, Flex } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Muted } from '../../components/surface';
import { useI18n } from '../../i18n/i18n';

// The browser's own QR reader (BarcodeDetector: Chrome on Android, recent Safari) — no library to
// download. Where it is missing the scan button is not shown and the guard types the six digits.
interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

function detectorClass(): DetectorClass | null {
  const candidate = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return candidate ?? null;
}

export function canScan(): boolean {
  return detectorClass() !== null && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** Reads one QR code from the back camera, then stops. */
export function QrScanner({ onRead, onClose }: { onRead: (text: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let live = true;
    const detector = new Detector({ formats: ['qr_code'] });
    const tick = async () => {
      if (!live || !video.current) return;
      try {
        const codes = await detector.detect(video.current);
        const text = codes[0]?.rawValue;
        if (text && live) {
          live = false;
          onRead(text);
          return;
        }
      } catch {
        // a frame that is not ready yet
      }
      timer = setTimeout(tick, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        stream = media;
        if (!live || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        void tick();
      })
      .catch(() => setFailed(true));
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onRead]);

  return (
    <Flex vertical gap={8}>
      {failed ? (
        <Alert type="warning" showIcon title={t('daily.departure.release.scanFailed')} />
      ) : (
        <>
          <video
            ref={video}
            muted
            playsInline
            style={{ width: '100%', maxHeight: 320, background: '#000', borderRadius: 8, objectFit: 'cover' }}
          />
          <Muted>{t('daily.departure.release.scanHint')}</Muted>
        </>
      )}
      <Button onClick={onClose}>{t('daily.departure.release.scanStop')}</Button>
    </Flex>
  );
}
