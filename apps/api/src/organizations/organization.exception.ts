import { DomainException } from '../common/domain.exception';

export enum OrganizationErrorCode {
  NotFound = 'organization_not_found',
  ParentNotFound = 'organization_parent_not_found',
  NameTaken = 'organization_name_taken',
  CodeTaken = 'organization_code_taken',
  HasChildren = 'organization_has_children',
  InUse = 'organization_in_use',
  Cycle = 'organization_cycle',
  Stale = 'organization_stale',
  InvalidCommuneList = 'invalid_commune_list',
}

export class OrganizationException extends DomainException<OrganizationErrorCode> {
  get status(): number {
    switch (this.code) {
      case OrganizationErrorCode.NotFound:
        return 404;
      case OrganizationErrorCode.ParentNotFound:
      case OrganizationErrorCode.Cycle:
      case OrganizationErrorCode.InvalidCommuneList:
        return 422;
      case OrganizationErrorCode.NameTaken:
      case OrganizationErrorCode.CodeTaken:
      case OrganizationErrorCode.HasChildren:
      case OrganizationErrorCode.InUse:
      case OrganizationErrorCode.Stale:
        return 409;
    }
  }
}
