/** The sequential colour maps a learner can choose for non-negative values (signed ones are always red-blue). */
export const colourMaps = ['viridis', 'jet'] as const;
export type ColourMapName = (typeof colourMaps)[number];
