import type { Role } from '@app/contracts';

/** Accounts for trying every role on a fresh platform; codes refer to the reference organizations. */
export const DEMO_ACCOUNTS: { username: string; fullName: string; position: string; orgCode: string; role: Role }[] = [
  { username: 'organizer', fullName: 'Nguyễn Thị Thu Hằng', position: 'Chuyên viên Văn phòng Bộ', orgCode: 'BNG', role: 'organizer' },
  { username: 'chair', fullName: 'Nguyễn Minh Vũ', position: 'Thứ trưởng Thường trực', orgCode: 'BNG', role: 'chair' },
  { username: 'secretary', fullName: 'Lê Thị Hương Trang', position: 'Thư ký', orgCode: 'BNG', role: 'secretary' },
  { username: 'langson', fullName: 'Hoàng Văn Đức', position: 'Cán bộ kỹ thuật điểm cầu', orgCode: 'LANG_SON', role: 'endpoint_operator' },
  { username: 'viewer', fullName: 'Phạm Quốc Bảo', position: 'Đại biểu', orgCode: 'VPCP', role: 'viewer' },
];
