// recharts types its public entry only; lazy-metric-chart.tsx imports a few of its es6 modules just to evaluate
// them ahead of the chart, one per idle period, and uses none of their exports.
declare module 'recharts/es6/*';
