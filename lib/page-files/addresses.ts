// Where a released page's files are, for readers and for the page printer; plain strings, so the
// reader's components can link them without the server code.

/** The address that draws a released page alone, at its paper size, for the engine. */
export const printAddress = (date: string, number: number) => `/print/issues/${date}/pages/${number}`;

/** Readers' addresses of a page's files. */
export const pageFileHref = {
  pdf: (date: string, number: number) => `/issues/${date}/pages/${number}/pdf`,
  picture: (date: string, number: number, size: "large" | "thumb") => `/issues/${date}/pages/${number}/picture/${size}`,
  issuePdf: (date: string) => `/issues/${date}/pdf`,
};
