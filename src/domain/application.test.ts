import { describe, expect, it } from 'vitest';
import { EMPTY_APPLICATION, submissionIssues, type ApplicationContent } from './application.js';

const complete: ApplicationContent = {
  userName: 'Dinas Sosial Kabupaten Kebumen',
  purpose: 'Verifikasi penerima bantuan sosial',
  elements: ['nik', 'nama_lengkap', 'alamat'],
  methods: ['web_service'],
  dataBalikan: 'Status penerima bantuan',
  durationMonths: 24,
  expectedDailyVolume: 500,
  ipRanges: ['203.0.113.10', '2001:db8::/48'],
  legalBasis: '',
};

describe('application completeness', () => {
  it('accepts a complete application', () => {
    expect(submissionIssues(complete, { hasLetter: true, missingInstitutionDocs: [] })).toEqual([]);
  });

  it('lists exactly what an empty draft lacks', () => {
    const fields = submissionIssues(EMPTY_APPLICATION, {
      hasLetter: false,
      missingInstitutionDocs: ['akta_pendirian'],
    }).map((i) => i.field);
    expect(fields).toEqual([
      'userName',
      'purpose',
      'elements',
      'methods',
      'dataBalikan',
      'durationMonths',
      'expectedDailyVolume',
      'letter',
      'institutionDocuments.akta_pendirian',
    ]);
  });

  it('asks a legal basis for protected elements and refuses bad IPs and unknown elements', () => {
    const issues = submissionIssues(
      { ...complete, elements: ['nik', 'sidik_jari', 'bogus'], ipRanges: ['10.0.0.300'] },
      { hasLetter: true, missingInstitutionDocs: [] },
    );
    expect(issues.map((i) => i.field)).toEqual(['elements', 'ipRanges[0]', 'legalBasis']);
    expect(issues[2]?.message.en).toMatch(/sidik_jari/);
  });
});
