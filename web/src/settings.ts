/** The web app's own settings, kept in this browser (Mastodon's preferences API is read-only). */
export type Theme = 'system' | 'light' | 'dark';
const THEME_KEY = 'strata-theme';

export const theme = {
  get: (): Theme => {
    const saved = localStorage.getItem(THEME_KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  },
  set(value: Theme) {
    localStorage.setItem(THEME_KEY, value);
    applyTheme();
  },
};

/** "system" leaves the colours to the device's preference (the stylesheet's light-dark()). */
export function applyTheme() {
  const chosen = theme.get();
  if (chosen === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = chosen;
}
