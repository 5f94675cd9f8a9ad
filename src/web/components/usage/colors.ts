/** The usage charts' colours (answered green, refused red, quota orange), as on Pengawasan. */
export const USAGE_COLORS = {
  answered: '#12b886',
  refused: '#fa5252',
  quota: '#e8590c',
  calls: '#228be6',
  neutral: '#868e96',
} as const;
