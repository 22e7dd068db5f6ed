'use client';

import { useState } from 'react';

/** Copies `text` to the clipboard and says so for two seconds (or that the browser refused). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(() => setState('copied'), () => setState('failed')).finally(() => setTimeout(() => setState('idle'), 2000));
  };
  return (
    <button type="button" onClick={copy} data-testid="copy-button" aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed (clipboard blocked)' : label}
    </button>
  );
}
