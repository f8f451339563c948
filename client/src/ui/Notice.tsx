import type { ReactNode } from 'react';

/** An inline message. Errors are announced at once (`alert`), the rest politely (`status`). */
export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'error' | 'ok' | 'warn';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
