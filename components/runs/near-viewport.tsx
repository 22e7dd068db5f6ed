'use client';

import { useRef, type ReactNode } from 'react';
import { useNearViewport } from '@/components/ui/use-near-viewport';

/**
 * Shows `placeholder` (drawn with the page) until the box comes near the window, then `children`: a section
 * below the fold loads its code and renders only when the reader is about to see it.
 */
export function NearViewport({ placeholder, children }: { placeholder: ReactNode; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNearViewport(box);
  return <div ref={box} data-near-viewport={near ? 'yes' : 'not-yet'}>{near ? children : placeholder}</div>;
}
