/** Prints the page (the browser's print, whose "Save as PDF" makes the PDF); hidden in print itself. */
export function PrintButton({ label = 'Print or save as PDF' }: { label?: string }) {
  return (
    <button type="button" className="nhsuk-button nhsuk-button--secondary caretrust-no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
