import { DomainException } from '../common/domain.exception';

export enum DocumentErrorCode {
  NotFound = 'document_not_found',
  TypeRefused = 'document_type_refused',
  TooLarge = 'document_too_large',
  ArchiveRefused = 'document_archive_refused',
  Malformed = 'document_upload_malformed',
  NoPdf = 'document_no_pdf',
  SpeechNotPrepared = 'document_speech_not_prepared',
  SpeechClosed = 'document_speech_closed',
}

export class DocumentException extends DomainException<DocumentErrorCode> {
  get status(): number {
    switch (this.code) {
      case DocumentErrorCode.NotFound:
        return 404;
      case DocumentErrorCode.TooLarge:
        return 413;
      case DocumentErrorCode.TypeRefused:
        return 415;
      case DocumentErrorCode.ArchiveRefused:
        return 422;
      case DocumentErrorCode.Malformed:
        return 400;
      case DocumentErrorCode.NoPdf:
      case DocumentErrorCode.SpeechNotPrepared:
      case DocumentErrorCode.SpeechClosed:
        return 409;
    }
  }
}
