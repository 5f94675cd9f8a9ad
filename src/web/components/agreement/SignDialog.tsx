import { Badge, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiError } from '../../api/client';
import type { Body } from '../../api/http';
import type { AgreementDetail } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { useSuccessNotice } from '../case/SuccessNotice';
import { useLang } from '../../i18n';
import { formatDate } from '../../lib/format';

/** What the PKS page knows of the PKS as a document (GET /api/agreements/:id, issue 14). */
export type SigningAgreement = Pick<
  AgreementDetail,
  'id' | 'number' | 'institutionNumber' | 'signedOn' | 'mySigner' | 'mayEnterInstitutionNumber'
>;

/** PUT /api/agreements/:id/institution-number: the institution's own number for the PKS. */
function saveInstitutionNumber(id: string, institutionNumber: string) {
  return call('put', '/api/agreements/{id}/institution-number', { path: { id }, body: { institutionNumber } });
}

/** PATCH /api/account/signatory: the signer's own NIP and position, printed under their signature. */
function saveOwnSigner(body: Body<'/api/account/signatory', 'patch'>) {
  return call('patch', '/api/account/signatory', { body });
}

interface SigningDetails {
  institutionNumber?: string;
  nip?: string;
  position?: string;
}

const NIP = /^\d{18}$/;

/**
 * The PKS's two numbers and its signing day, and — for whoever signs or numbers it — a dialog to enter the
 * institution's own number and the signer's NIP and position before signing: the signed copy made when the
 * second party signs prints them under the title and the signatures.
 */
export function SignDialog({ agreement, canSign }: { agreement: SigningAgreement; canSign: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const { notice, show } = useSuccessNotice();
  const [open, setOpen] = useState(false);
  const [institutionNumber, setInstitutionNumber] = useState('');
  const [nip, setNip] = useState('');
  const [position, setPosition] = useState('');
  const [tried, setTried] = useState(false);
  const mayNumber = agreement.mayEnterInstitutionNumber;
  const mayEdit = mayNumber || (canSign && Boolean(agreement.mySigner));

  const save = useMutation<void, ApiError, SigningDetails>({
    mutationFn: async (body) => {
      if (body.institutionNumber !== undefined) await saveInstitutionNumber(agreement.id, body.institutionNumber);
      if (body.nip !== undefined || body.position !== undefined) {
        await saveOwnSigner({ nip: body.nip ?? '', ...(body.position ? { position: body.position } : {}) });
      }
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['agreement', agreement.id] });
      setOpen(false);
      show(t('pksdoc.saved'));
    },
  });

  const openDialog = () => {
    setInstitutionNumber(agreement.institutionNumber);
    setNip(agreement.mySigner?.nip ?? '');
    setPosition(agreement.mySigner?.position ?? '');
    setTried(false);
    save.reset();
    setOpen(true);
  };

  const numberError = mayNumber && institutionNumber.trim() === '' ? t('pksdoc.numberRequired') : null;
  const nipError = nip.trim() !== '' && !NIP.test(nip.trim()) ? t('pksdoc.nipInvalid') : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (numberError || nipError) return;
    const body: SigningDetails = {};
    if (mayNumber) body.institutionNumber = institutionNumber.trim();
    const signer = agreement.mySigner;
    if (signer && (nip.trim() !== signer.nip || position.trim() !== signer.position)) {
      body.nip = nip.trim();
      body.position = position.trim();
    }
    save.mutate(body);
  };

  const showCard = mayEdit || Boolean(agreement.institutionNumber) || Boolean(agreement.signedOn);
  if (!showCard) return null;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="pks-signing">
      {notice}
      <Stack gap="xs">
        <Title order={4}>{t('pksdoc.title')}</Title>
        <Text size="sm">
          {t('pksdoc.officeNumber')}: <b data-testid="pks-office-number">{agreement.number}</b>
        </Text>
        <Text size="sm">
          {t('pksdoc.institutionNumber')}:{' '}
          {agreement.institutionNumber ? (
            <b data-testid="pks-institution-number">{agreement.institutionNumber}</b>
          ) : (
            <Badge color="gray" variant="light" data-testid="pks-institution-number-missing">
              {t('pksdoc.notEntered')}
            </Badge>
          )}
        </Text>
        <Text size="sm" c={agreement.signedOn ? undefined : 'dimmed'} data-testid="pks-signed-on">
          {agreement.signedOn
            ? t('pksdoc.signedOn', { date: formatDate(agreement.signedOn, lang) })
            : t('pksdoc.notSignedYet')}
        </Text>
        {mayEdit && (
          <Group>
            <Button variant="light" onClick={openDialog} data-testid="pks-signing-open">
              {t('pksdoc.open')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('pksdoc.dialogTitle')} centered>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('pksdoc.dialogHelp')}
            </Text>
            {mayNumber && (
              <TextInput
                label={t('pksdoc.institutionNumber')}
                description={t('pksdoc.institutionNumberHelp')}
                value={institutionNumber}
                onChange={(e) => setInstitutionNumber(e.currentTarget.value)}
                maxLength={100}
                withAsterisk
                error={tried ? numberError : null}
                data-testid="pks-institution-number-input"
              />
            )}
            {agreement.mySigner && (
              <>
                <Text size="sm">
                  {t('pksdoc.signer')}: <b>{agreement.mySigner.name}</b>
                </Text>
                <TextInput
                  label={t('pksdoc.nip')}
                  description={t('pksdoc.nipHelp')}
                  value={nip}
                  onChange={(e) => setNip(e.currentTarget.value)}
                  inputMode="numeric"
                  maxLength={18}
                  error={tried ? nipError : null}
                  data-testid="pks-signer-nip"
                />
                <TextInput
                  label={t('pksdoc.position')}
                  description={t('pksdoc.positionHelp')}
                  value={position}
                  onChange={(e) => setPosition(e.currentTarget.value)}
                  maxLength={160}
                  data-testid="pks-signer-position"
                />
              </>
            )}
            {save.isError && <ErrorAlert error={save.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('pksdoc.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="pks-signing-save">
                {t('pksdoc.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
