/** Line colours of the metric charts, distinct on light and dark panels (apart from metric-chart so the preview needs no recharts). */
export const LINE_COLOURS = ['#3b82f6', '#ef4444', '#10b981', '#f59e0b', '#8b5cf6', '#06b6d4'];
