/**
 * Saves text as a file the way a web page does: a blob URL on an `<a download>`, clicked. No
 * `downloads` permission is needed for that (see docs/security.md), and the browser asks where
 * to save or uses its download folder as the user set it.
 */
export function saveTextFile(fileName: string, text: string, type: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  doc.body.append(link);
  link.click();
  link.remove();
  // Firefox starts the download after the click returns: give it time before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
