/** Where the course's closing page lives, under each locale's root: /recap/ and /ko/recap/. */
export const RECAP_PATH = 'recap/';
