import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { DateField } from '../components/DateField';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, documentFileUrl, type ApiError } from '../api/client';
import type {
  AccessMethod,
  AgreementAction,
  AgreementActionBody,
  AgreementDetail,
  AgreementRevision,
  DocumentDetail,
  Signature,
  UploadedFile,
} from '../api/client';
import { AccessSection } from '../components/agreement/AccessSection';
import { useSuccessNotice } from '../components/case/SuccessNotice';
import { refreshAfterAction } from '../api/casework';
import { SignDialog } from '../components/agreement/SignDialog';
import { ChangeValue, PksContentView } from '../components/agreement/PksContentView';
import { ElementPicker } from '../components/application/ElementPicker';
import { METHODS } from '../components/application/ApplicationForm';
import { FileUpload } from '../components/case/FileUpload';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PksStatusBadge } from '../components/StatusBadges';
import { useDataElements } from '../components/useDataElements';
import { useLang } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { ReportDeadline } from '../components/reports/ReportDeadline';
import { DutiesEditor } from '../components/balikan/DutiesEditor';
import { Fingerprint } from '../components/plain/Fingerprint';

const STEPS = ['draft', 'in_review', 'approved', 'signed', 'active'] as const;
// Statuses from which grants may exist (provisioned from signed-and-active PKS, kept visible after it ends).
const GRANTABLE = new Set(['signed', 'scheduled', 'active', 'expiring', 'expired', 'terminated']);
type Action = AgreementAction;

/** /agreements/:id — one PKS: lifecycle, content, versions with hashes and diffs, comments, signatures, actions. */
export function AgreementPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const pks = useQuery<AgreementDetail, ApiError>({ queryKey: ['agreement', id], queryFn: () => api.agreement(id) });
  const docId = pks.data?.documentId ?? null;
  const doc = useQuery<DocumentDetail, ApiError>({
    queryKey: ['document', docId],
    queryFn: () => api.document(docId ?? ''),
    enabled: Boolean(docId),
  });
  const [shown, setShown] = useState<number | null>(null);
  const elements = useDataElements();
  // Lives above the actions card, which disappears once nothing is left to do.
  const { notice, show } = useSuccessNotice();

  if (pks.isPending) return <Loading />;
  if (pks.isError)
    return (
      <Stack>
        <BackLink />
        <ErrorAlert error={pks.error} onRetry={() => void pks.refetch()} />
      </Stack>
    );
  const a = pks.data;
  const latest = a.versions[a.versions.length - 1];
  const current = a.versions.find((v) => v.version === shown) ?? latest;
  // The server says what this user may do now: their open tasks in the PKS's case, their office's settings.
  const actions = new Set<Action | 'revise'>(a.myActions);
  // A scheduled PKS stands on the last step: activated, waiting for its start date.
  const stepIndex =
    a.status === 'active' || a.status === 'expiring' || a.status === 'expired'
      ? STEPS.length
      : a.status === 'scheduled'
        ? STEPS.indexOf('active')
        : STEPS.indexOf(a.status as (typeof STEPS)[number]);

  return (
    <Stack data-testid="agreement-page" data-status={a.status}>
      {notice}
      <BackLink />
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="sm" c="dimmed">
              {t('agreements.pks')}
            </Text>
            <Title order={1} size="h2" data-testid="page-title">
              {a.number}
            </Title>
            <Text size="sm">
              {t('case.institution')}: <b>{a.institution.name}</b>
            </Text>
            <Text size="sm" c="dimmed">
              {t('agreements.validity')}:{' '}
              {a.startDate
                ? `${formatDate(a.startDate, lang)} – ${formatDate(a.endDate, lang)}`
                : t('agreements.notYet')}
            </Text>
            <ReportDeadline officeId={a.officeId} />
            {a.applicationId && (
              <Anchor component={Link} to={`/applications/${a.applicationId}`} size="sm">
                {t('agreements.fromApplication')}
              </Anchor>
            )}
          </div>
          <Stack gap="xs" align="flex-end">
            <PksStatusBadge status={a.status} size="xl" />
            <Badge color={a.juknisApproved ? 'green' : 'gray'} variant="outline" data-testid="juknis-status">
              {a.juknisApproved ? t('agreements.juknisApproved') : t('agreements.juknisPending')}
            </Badge>
          </Stack>
        </Group>
        <Stepper active={stepIndex} size="sm" mt="lg" data-testid="pks-stepper" allowNextStepsSelect={false}>
          {STEPS.map((s) => (
            <Stepper.Step key={s} label={t(`pksStatus.${s}`)} description={t(`pksStep.${s}`)} />
          ))}
        </Stepper>
        {a.status === 'terminated' && (
          <Alert color="red" mt="md" title={t('pksStatus.terminated')} data-testid="pks-terminated">
            {a.statusReason}
          </Alert>
        )}
        {a.status === 'scheduled' && a.startDate && (
          <Alert
            color="cyan"
            mt="md"
            title={t('agreements.scheduledTitle', { date: formatDate(a.startDate, lang) })}
            data-testid="pks-scheduled"
          >
            {t('agreements.scheduledNote', { date: formatDate(a.startDate, lang) })}
          </Alert>
        )}
        {a.notices.length > 0 && (
          <Alert color="orange" mt="md" title={t('agreements.notices')}>
            {a.notices.map((days) => t('agreements.noticeDays', { days })).join(' · ')}
          </Alert>
        )}
        {a.protectedElements.length > 0 && (
          <Alert color="orange" mt="md" title={t('elements.protectedTitle')} data-testid="pks-protected">
            {t('agreements.protectedNote', {
              codes: a.protectedElements.map((c) => elements.byCode.get(c)?.name[lang] ?? c).join(', '),
            })}
          </Alert>
        )}
      </Card>

      <ActionsCard agreement={a} actions={actions} onDone={show} />
      <SignDialog agreement={a} canSign={actions.has('sign')} />
      {actions.has('revise') && latest && <ReviseForm agreement={a} />}
      {GRANTABLE.has(a.status) && <AccessSection agreementId={a.id} pksStatus={a.status} />}

      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        <Card withBorder radius="md" padding="lg">
          <Group justify="space-between" mb="sm">
            <Title order={4}>{t('agreements.content')}</Title>
            {a.versions.length > 1 && (
              <SegmentedControl
                size="xs"
                value={String(current?.version ?? '')}
                onChange={(v) => setShown(Number(v))}
                data={a.versions.map((v) => ({ value: String(v.version), label: `v${v.version}` }))}
              />
            )}
          </Group>
          {current && <PksContentView content={current.content} />}
        </Card>
        <Stack>
          <VersionsCard agreement={a} doc={doc.data} />
          <SignaturesCard signatures={a.signatures} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/agreements" size="sm">
      ← {t('nav.agreements')}
    </Anchor>
  );
}

/** The lifecycle buttons the user's role allows; sign takes an optional scan, activate a date, terminate a reason. */
function ActionsCard({
  agreement,
  actions,
  onDone,
}: {
  agreement: AgreementDetail;
  actions: Set<Action | 'revise'>;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [scan, setScan] = useState<UploadedFile | undefined>(undefined);
  const [startDate, setStartDate] = useState('');
  const [reason, setReason] = useState('');
  const [terminating, setTerminating] = useState(false);
  const act = useMutation<{ id: string; status: string }, ApiError, { action: Action; body?: AgreementActionBody }>({
    mutationFn: ({ action, body }) => api.agreementAction(agreement.id, action, body),
    onSuccess: async (_r, { action }) => {
      setScan(undefined);
      // Everything the action changed, before the message: the PKS, its access section (in force, juknis), its
      // document, the lists, the case and application it drives, and everyone's work (inbox and counts).
      await refreshAfterAction(queryClient, [
        ['agreement', agreement.id],
        ['agreement-access', agreement.id],
        ['document'],
        ['agreements'],
        ['case'],
        ['cases'],
        ['application'],
        ['applications'],
      ]);
      onDone(t(`casework.agreement.done.${action}`));
    },
  });
  const buttons = (['submit', 'approve', 'sign', 'activate', 'approve-juknis'] as const).filter((x) => actions.has(x));
  if (buttons.length === 0 && !actions.has('terminate')) return null;
  const run = (action: Action) => {
    const body: AgreementActionBody =
      action === 'sign' && scan ? { scanFileId: scan.id } : action === 'activate' && startDate ? { startDate } : {};
    act.mutate({ action, body });
  };

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      data-testid="pks-actions"
      style={{ borderLeft: '4px solid var(--mantine-color-teal-5)' }}
    >
      <Stack gap="sm">
        <Title order={4}>{t('agreements.actions')}</Title>
        {actions.has('sign') && (
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm">{t('agreements.scan')}</Text>
              <Text size="xs" c="dimmed">
                {t('agreements.scanHelp')}
              </Text>
            </div>
            <FileUpload testId="pks-scan-file" accept="application/pdf,.pdf" uploaded={scan} onUploaded={setScan} />
          </Group>
        )}
        {actions.has('activate') && (
          <DateField
            label={t('agreements.startDate')}
            description={t('agreements.startDateHelp')}
            value={startDate}
            onChange={setStartDate}
            w={260}
            testId="pks-start-date"
          />
        )}
        <Group>
          {buttons.map((action) => (
            <Button
              key={action}
              onClick={() => run(action)}
              loading={act.isPending && act.variables.action === action}
              disabled={act.isPending}
              data-testid={`pks-${action}`}
            >
              {t(`pksAction.${action}`)}
            </Button>
          ))}
          {actions.has('terminate') && !terminating && (
            <Button color="red" variant="light" onClick={() => setTerminating(true)} data-testid="pks-terminate-open">
              {t('pksAction.terminate')}
            </Button>
          )}
        </Group>
        {terminating && (
          <Stack gap="xs">
            <Textarea
              label={t('agreements.terminateReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              minLength={5}
              maxLength={1000}
              withAsterisk
              data-testid="pks-terminate-reason"
            />
            <Group>
              <Button
                color="red"
                disabled={reason.trim().length < 5}
                loading={act.isPending && act.variables.action === 'terminate'}
                onClick={() => act.mutate({ action: 'terminate', body: { reason: reason.trim() } })}
                data-testid="pks-terminate"
              >
                {t('pksAction.terminate')}
              </Button>
              <Button variant="default" onClick={() => setTerminating(false)}>
                {t('applications.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
        {act.isError && <ErrorAlert error={act.error} />}
      </Stack>
    </Card>
  );
}

/** Revising a draft: a new version with its own hash and a field-level diff against the previous one. */
function ReviseForm({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const latest = agreement.versions[agreement.versions.length - 1];
  const c = latest?.content;
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState(c?.purpose ?? '');
  const [elements, setElements] = useState<string[]>(c?.elements ?? []);
  const [methods, setMethods] = useState<string[]>(c?.methods ?? []);
  const [dataBalikan, setDataBalikan] = useState(c?.dataBalikan ?? '');
  const [duties, setDuties] = useState(c?.dataBalikanDuties ?? []);
  const [legalBasis, setLegalBasis] = useState(c?.legalBasis ?? '');
  const [startDate, setStartDate] = useState(c?.duration.startDate.slice(0, 10) ?? '');
  const [months, setMonths] = useState<number | string>(c?.duration.months ?? 12);
  const revise = useMutation<{ version: number; contentHash: string }, ApiError, AgreementRevision>({
    mutationFn: (input) => api.reviseAgreement(agreement.id, input),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['agreement', agreement.id] });
      await queryClient.invalidateQueries({ queryKey: ['document'] });
    },
  });
  if (!c) return null;
  if (!open)
    return (
      <Button variant="light" w="fit-content" onClick={() => setOpen(true)} data-testid="pks-revise-open">
        {t('agreements.revise')}
      </Button>
    );

  const changed = (): AgreementRevision => {
    const out: AgreementRevision = {};
    if (purpose.trim() !== c.purpose) out.purpose = purpose.trim();
    if (JSON.stringify(elements) !== JSON.stringify(c.elements)) out.elements = elements;
    if (JSON.stringify(methods) !== JSON.stringify(c.methods)) out.methods = methods as AccessMethod[];
    if (dataBalikan.trim() !== c.dataBalikan) out.dataBalikan = dataBalikan.trim();
    // The editor offers only the catalogue's kinds, which the PATCH names as literals.
    if (JSON.stringify(duties) !== JSON.stringify(c.dataBalikanDuties ?? []))
      out.dataBalikanDuties = duties as AgreementRevision['dataBalikanDuties'];
    if (legalBasis.trim() !== c.legalBasis) out.legalBasis = legalBasis.trim();
    if (startDate && startDate !== c.duration.startDate.slice(0, 10)) out.startDate = startDate;
    if (typeof months === 'number' && months !== c.duration.months) out.months = months;
    return out;
  };
  const diff = changed();

  return (
    <Card withBorder radius="md" padding="lg" data-testid="pks-revise">
      <Stack>
        <Title order={4}>{t('agreements.revise')}</Title>
        <Text size="sm" c="dimmed">
          {t('agreements.reviseHelp')}
        </Text>
        <Textarea
          label={t('pks.purpose')}
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="revise-purpose"
        />
        <ElementPicker value={elements} onChange={setElements} label={t('pks.elements')} testId="revise-elements" />
        <Checkbox.Group label={t('pks.methods')} value={methods} onChange={setMethods}>
          <Group mt={4}>
            {METHODS.map((m) => (
              <Checkbox key={m} value={m} label={t(`methods.${m}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea
          label={t('pks.dataBalikan')}
          value={dataBalikan}
          onChange={(e) => setDataBalikan(e.currentTarget.value)}
          autosize
        />
        <DutiesEditor value={duties} onChange={setDuties} />
        <Textarea
          label={t('pks.legalBasis')}
          value={legalBasis}
          onChange={(e) => setLegalBasis(e.currentTarget.value)}
          autosize
        />
        <Group grow>
          <DateField label={t('agreements.startDate')} value={startDate} onChange={setStartDate} />
          <NumberInput
            label={t('pks.months')}
            value={months}
            onChange={setMonths}
            min={1}
            max={60}
            allowDecimal={false}
          />
        </Group>
        {revise.isError && <ErrorAlert error={revise.error} />}
        <Group>
          <Button
            onClick={() => revise.mutate(diff)}
            disabled={Object.keys(diff).length === 0}
            loading={revise.isPending}
            data-testid="revise-save"
          >
            {t('agreements.reviseSave')}
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('applications.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The versions: content hash, PDF, the field-level changes against the previous version, and comments. */
function VersionsCard({ agreement, doc }: { agreement: AgreementDetail; doc: DocumentDetail | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const versions = [...agreement.versions].reverse();
  const latestDocVersion = doc?.versions[doc.versions.length - 1]?.version;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="pks-versions">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('agreements.versions')}</Title>
        {agreement.documentId && latestDocVersion !== undefined && (
          <Button
            component="a"
            href={documentFileUrl(agreement.documentId, latestDocVersion)}
            target="_blank"
            rel="noopener"
            size="xs"
            variant="light"
            data-testid="pks-pdf-link"
          >
            {t('agreements.pdf')} (v{latestDocVersion})
          </Button>
        )}
      </Group>
      <Stack>
        {versions.map((v) => {
          const dv = doc?.versions.find((x) => x.version === v.version);
          return (
            <Card key={v.version} withBorder padding="sm" data-testid="pks-version" data-version={v.version}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs">
                  <Badge variant="filled">v{v.version}</Badge>
                  <Text size="sm">
                    {v.kind === 'original' && v.version > 1
                      ? t('versionKind.revision')
                      : t(`versionKind.${v.kind}`, { defaultValue: v.kind })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(v.createdAt, lang)}
                  </Text>
                </Group>
                {agreement.documentId && dv && (
                  <Anchor
                    href={documentFileUrl(agreement.documentId, dv.version)}
                    target="_blank"
                    rel="noopener"
                    size="sm"
                  >
                    PDF
                  </Anchor>
                )}
              </Group>
              <Group gap="md" mt={4}>
                <Fingerprint
                  hash={v.contentHash}
                  label={t('agreements.contentHash')}
                  chars={24}
                  testId="pks-content-hash"
                />
                {dv && <Fingerprint hash={dv.sha256} label={t('agreements.fileHash')} chars={24} />}
              </Group>
              {v.changes.length > 0 && (
                <Table mt="xs" withTableBorder data-testid="pks-diff">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('diff.field')}</Table.Th>
                      <Table.Th>{t('diff.before')}</Table.Th>
                      <Table.Th>{t('diff.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {v.changes.map((ch, i) => (
                      <Table.Tr key={i} data-testid="pks-diff-row" data-field={ch.field}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {t(`pksField.${ch.field.split('.')[0] ?? ch.field}`, { defaultValue: ch.field })}
                          </Text>
                          {ch.field.includes('.') && (
                            <Text size="xs" c="dimmed">
                              {ch.field}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td bg="red.0">
                          <ChangeValue field={ch.field} value={ch.before} />
                        </Table.Td>
                        <Table.Td bg="green.0">
                          <ChangeValue field={ch.field} value={ch.after} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {agreement.documentId && dv && (
                <Comments documentId={agreement.documentId} version={dv.version} comments={dv.comments} />
              )}
            </Card>
          );
        })}
      </Stack>
    </Card>
  );
}

function Comments({
  documentId,
  version,
  comments,
}: {
  documentId: string;
  version: number;
  comments: { author: string; body: string; at: string }[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const post = useMutation<void, ApiError, string>({
    mutationFn: (text) => api.commentOnVersion(documentId, version, text),
    onSuccess: async () => {
      setBody('');
      await queryClient.invalidateQueries({ queryKey: ['document', documentId] });
    },
  });
  return (
    <Stack gap={4} mt="xs" data-testid="pks-comments">
      <Text size="xs" fw={600}>
        {t('agreements.comments', { count: comments.length })}
      </Text>
      {comments.map((c, i) => (
        <Card key={i} padding="xs" bg="gray.0" data-testid="pks-comment">
          <Text size="sm">{c.body}</Text>
          <Text size="xs" c="dimmed">
            {c.author} · {formatDateTime(c.at, lang)}
          </Text>
        </Card>
      ))}
      <Group align="flex-end" wrap="nowrap">
        <Textarea
          placeholder={t('agreements.commentPlaceholder')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={1}
          maxLength={4000}
          style={{ flex: 1 }}
          data-testid="pks-comment-input"
        />
        <Button
          size="xs"
          variant="light"
          disabled={!body.trim()}
          loading={post.isPending}
          onClick={() => post.mutate(body.trim())}
          data-testid="pks-comment-submit"
        >
          {t('agreements.comment')}
        </Button>
      </Group>
      {post.isError && <ErrorAlert error={post.error} />}
    </Stack>
  );
}

function SignaturesCard({ signatures }: { signatures: Signature[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} mb="sm">
        {t('agreements.signatures')}
      </Title>
      {signatures.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="pks-no-signatures">
          {t('agreements.noSignatures')}
        </Text>
      ) : (
        <Table data-testid="pks-signatures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('signatures.signer')}</Table.Th>
              <Table.Th>{t('signatures.role')}</Table.Th>
              <Table.Th>{t('signatures.when')}</Table.Th>
              <Table.Th>{t('signatures.over')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {signatures.map((s, i) => (
              <Table.Tr key={i} data-testid="pks-signature" data-party={s.party}>
                <Table.Td>
                  <Text size="sm">{s.signer}</Text>
                  <Text size="xs" c="dimmed">
                    {s.party === 'office' ? t('pks.firstParty') : t('pks.secondParty')}
                    {s.scanFileId && ` · ${t('agreements.withScan')}`}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`signerRole.${s.role}`, { defaultValue: s.role })}</Table.Td>
                <Table.Td>{formatDateTime(s.signedAt, lang)}</Table.Td>
                <Table.Td>
                  <Tooltip label={s.overSha256}>
                    <Code fz="xs">
                      v{s.version} · {s.overSha256.slice(0, 12)}…
                    </Code>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
