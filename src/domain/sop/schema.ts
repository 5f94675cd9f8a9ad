/**
 * The SOP definition file format (gerbang-sop/1) as a JSON schema (TypeBox), so that the CLI, the API
 * upload and the OpenAPI document all check the same shape. docs/sop-format.md explains every field.
 * Structure is checked here; meaning (references, reachability, waktu) is checked in validate.ts.
 */
import { Type, type Static } from '@sinclair/typebox';

const Text = Type.String({ minLength: 1 });
const TextList = Type.Array(Text);
/** A date as YYYY-MM-DD, or null where the sheet leaves it blank or prints "-". */
const DateOrBlank = Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]);
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]*$' });
/** Step and end ids: free text so that printed numbers ("2", "2a", "4.1") can be used as ids. */
const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });

/** The SOP AP header block (Permenpan RB 35/2012). */
export const HeaderSchema = Type.Object(
  {
    nomor: Type.Union([Text, Type.Null()]),
    nama: Text,
    tanggalPembuatan: DateOrBlank,
    tanggalRevisi: DateOrBlank,
    tanggalEfektif: DateOrBlank,
    tanggalPengesahan: DateOrBlank,
    disahkanOleh: Type.Object(
      {
        jabatan: Text,
        nama: Type.Optional(Type.Union([Text, Type.Null()])),
        nip: Type.Optional(Type.Union([Text, Type.Null()])),
      },
      { additionalProperties: false },
    ),
    dasarHukum: TextList,
    kualifikasiPelaksana: TextList,
    keterkaitan: TextList,
    peralatanPerlengkapan: TextList,
    peringatan: TextList,
    pencatatanPendataan: TextList,
  },
  { additionalProperties: false },
);

/** Where a pelaksana's tasks go. */
export const ActorKindSchema = Type.Union([
  Type.Literal('office'),
  Type.Literal('kepala_daerah'),
  Type.Literal('dirjen'),
  Type.Literal('institution'),
  Type.Literal('organisation'),
]);

/** One pelaksana column of the procedure table. */
export const ActorSchema = Type.Object(
  {
    code: Code,
    /** The column header as printed. */
    name: Text,
    /** A longer name for people (e.g. the full title), optional. */
    fullName: Type.Optional(Text),
    kind: ActorKindSchema,
    /** office: the office role; institution: the institution role (default pimpinan); dirjen: default dirjen. */
    role: Type.Optional(Code),
    /** organisation: which organisation (default the office itself). */
    org: Type.Optional(Type.Union([Type.Literal('office'), Type.Literal('pusat'), Type.Literal('institution')])),
    /** organisation: the role inside it that receives the tasks. */
    assignTo: Type.Optional(Code),
  },
  { additionalProperties: false },
);

/**
 * What a step does (docs/sop-format.md, "Actions"): a word of the action vocabulary (`pks.approve`, `pks.sign`,
 * `application.submit`, …) or a document to produce (`{ produce: approval_letter }`). Words are checked in
 * validate.ts against the vocabulary, so that an unknown one is explained with the nearest known one.
 */
export const ActionSchema = Type.Union([
  Text,
  Type.Object({ produce: Text, title: Type.Optional(Text) }, { additionalProperties: false }),
]);

/**
 * A required input of a step: a name (a file to hand in), or an object saying it is a check or a confirmation
 * rather than a file (`type: cek | konfirmasi`), that it applies only to some applicants (`when: badan_hukum`),
 * or that it is the application letter itself (`from: surat_permohonan`).
 */
export const RequirementSchema = Type.Union([
  Text,
  Type.Object(
    {
      name: Text,
      type: Type.Optional(Type.Union([Type.Literal('berkas'), Type.Literal('cek'), Type.Literal('konfirmasi')])),
      when: Type.Optional(
        Type.Union([Type.Literal('badan_hukum'), Type.Literal('profit'), Type.Literal('pemerintah')]),
      ),
      from: Type.Optional(Type.Literal('surat_permohonan')),
    },
    { additionalProperties: false },
  ),
]);

/** A labelled branch of a decision, with what choosing it does and produces. */
export const BranchSchema = Type.Object(
  {
    label: Text,
    /** The step or end it leads to; a list opens those steps in parallel (they must meet at a join). */
    to: Type.Union([Id, Type.Array(Id, { minItems: 2 })]),
    /** Actions taken only when this branch is chosen (e.g. the approval letter on "setuju"). */
    actions: Type.Optional(Type.Array(ActionSchema)),
    /** Outputs of this branch, as printed (text only). */
    output: Type.Optional(TextList),
  },
  { additionalProperties: false },
);

/** A step's standard time: text such as "3-5 hari", or no standard time with the reason. */
export const WaktuSchema = Type.Union([
  Type.String(),
  Type.Number(),
  Type.Object({ tanpaStandar: Text }, { additionalProperties: false }),
]);

/** One row of the procedure table. */
export const StepSchema = Type.Object(
  {
    id: Id,
    /** The number as printed; may repeat (Bengkulu prints two steps "2"). Defaults to the id. */
    no: Type.Optional(Type.Union([Text, Type.Number()])),
    kegiatan: Text,
    pelaksana: Type.Union([Code, Type.Array(Code, { minItems: 1 })]),
    /** A joint step: every pelaksana gets a task and the step moves on when all are done (pks.sign implies it). */
    bersama: Type.Optional(Type.Boolean()),
    /** Pelaksana who are informed (tembusan) but do not act. */
    tembusan: Type.Optional(Type.Array(Code)),
    kelengkapan: Type.Optional(Type.Array(RequirementSchema)),
    waktu: WaktuSchema,
    /** The waktu exactly as printed when it had to be read ("1 4 hari"). */
    waktuTertulis: Type.Optional(Text),
    output: Type.Optional(TextList),
    /** What completing the step does (effects come only from here; output names are text for the sheet). */
    actions: Type.Optional(Type.Array(ActionSchema)),
    keterangan: Type.Optional(Type.Union([Text, Type.Null()])),
    /** The following step or end; a list is a parallel fork. */
    next: Type.Optional(Type.Union([Id, Type.Array(Id, { minItems: 2 })])),
    decision: Type.Optional(
      Type.Object(
        {
          question: Text,
          branches: Type.Array(BranchSchema),
        },
        { additionalProperties: false },
      ),
    ),
    /** For a step after a parallel fork: the steps that must all be done before this one opens. */
    join: Type.Optional(Type.Array(Id, { minItems: 2 })),
  },
  { additionalProperties: false },
);

/** A terminator: where a case ends, and how. */
export const EndSchema = Type.Object(
  {
    id: Id,
    label: Text,
    /** selesai (done as intended) or ditolak (refused); used for reporting. */
    outcome: Type.Union([Type.Literal('selesai'), Type.Literal('ditolak'), Type.Literal('batal')]),
  },
  { additionalProperties: false },
);

/** A whole SOP definition file. */
export const SopFileSchema = Type.Object(
  {
    format: Type.Literal('gerbang-sop/1'),
    /** Stable code of the SOP across its versions, e.g. "kebumen.hak-akses". */
    code: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]*$' }),
    office: Type.Object(
      {
        /** Kemendagri region code of the office: "17" (province) or "33.05" (kabupaten/kota). */
        region: Type.String({ pattern: '^\\d{2}(\\.\\d{2})?$' }),
        name: Text,
        /** Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). */
        timeZone: Text,
      },
      { additionalProperties: false },
    ),
    header: HeaderSchema,
    /** What the SOP is for; application and pks_change SOPs get the law's minimum steps (docs/sop-format.md). */
    purpose: Type.Optional(
      Type.Union([
        Type.Literal('application'),
        Type.Literal('pks_change'),
        Type.Literal('control'),
        Type.Literal('evaluation'),
        Type.Literal('report_review'),
        Type.Literal('anomaly_review'),
      ]),
    ),
    /** How plain "hari" counts: kerja (default, like hari kerja) or kalender. */
    hari: Type.Optional(Type.Union([Type.Literal('kerja'), Type.Literal('kalender')])),
    /** Office-specific roles this SOP needs beyond the built-in ones (kasi_siak, kasi_monev, …). */
    officeRoles: Type.Optional(Type.Array(Type.Object({ code: Code, name: Text }, { additionalProperties: false }))),
    pelaksana: Type.Array(ActorSchema, { minItems: 1 }),
    /** The first step; defaults to the first in the list. */
    start: Type.Optional(Id),
    steps: Type.Array(StepSchema, { minItems: 1 }),
    ends: Type.Array(EndSchema),
    /** A total printed on the sheet ("Total Waktu 3 hari 3 jam"). */
    totalWaktu: Type.Optional(Type.Union([Text, Type.Null()])),
  },
  { additionalProperties: false },
);

/** The file as written, after the schema check. */
export type SopFile = Static<typeof SopFileSchema>;
/** One step as written. */
export type StepFile = Static<typeof StepSchema>;
/** One pelaksana as written. */
export type ActorFile = Static<typeof ActorSchema>;
/** One action as written. */
export type ActionFile = Static<typeof ActionSchema>;
/** One kelengkapan entry as written. */
export type RequirementFile = Static<typeof RequirementSchema>;
/** The header as written. */
export type SopHeader = Static<typeof HeaderSchema>;
