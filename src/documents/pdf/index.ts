/** The face of documents/pdf/: what other folders use of it. */
export { EvidenceChangedError, fileStamp, keepStreamInFile, keepStreamsInFile, streamOfPieces } from './file-range.ts';
export { drawFlow, paginate, type FlowBlock, type FlowPage } from './flow.ts';
export { embedAllFonts, embedFonts, forgetFontBytes, type PdfFonts } from './fonts.ts';
export { ImageDecodeError, ORIENTATION_MATRIX, inspectJpeg, jpegDataFitsSize, shownSize, type ExifOrientation } from './jpeg.ts';
export { breakLines } from './linebreak.ts';
export { compose, fitInto, type Box } from './matrix.ts';
export { setFixedMetadata } from './metadata.ts';
export { setOutline, type OutlineNode } from './outline.ts';
export { PageContentError, checkPageContent, shrinkPageInto } from './page-content.ts';
export { setPageLabels, type PageLabelRange } from './page-labels.ts';
export { describeStripped, pageTreeProblem, stripActiveContent, strippedCount, xrefDamaged } from './pdf-structure.ts';
export { inspectPng, pngDataSize, pngHeaderAndData, pngPassthroughData } from './png.ts';
export { decryptWithQpdf, qpdfAvailable, removeStaleQpdfTemp, repairWithQpdf } from './qpdf.ts';
export { savePdfToFile } from './save.ts';
export { GREY, drawLine, drawParagraph, fitSize, lineHeightOf, wrap, wrapFields, type TextStyle } from './text.ts';
