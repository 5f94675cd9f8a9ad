import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isAdmin, useSession } from '../api/hooks';
import { NAV } from '../components/nav';
import { NoticeList } from '../components/reports/NoticeList';
import { useLang } from '../i18n';

/** Home: who you are, where you belong, your roles, and the services of the platform. */
export function HomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSession();
  const org = me.organisation;
  const detail =
    org.kind === 'institution' ? t(`institutionTypes.${org.detail}`, { defaultValue: org.detail }) : org.detail;
  const cards = NAV.filter((item) => item.key !== 'home' && (!item.adminOnly || isAdmin(me)));

  return (
    <Stack gap="lg" data-testid="home">
      <Title order={2} data-testid="home-welcome">
        {t('home.welcome', { name: me.displayName })}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {org.kind === 'office' ? t('home.office') : t('home.institution')}
          </Text>
          <Text fw={600} size="lg" data-testid="home-org-name">
            {org.name}
          </Text>
          <Text c="dimmed" data-testid="home-org-detail">
            {detail}
          </Text>
        </Card>
        <Card withBorder radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t('home.roles')}
          </Text>
          <Group gap="xs" mt="xs" data-testid="home-roles">
            {me.roles.length === 0 && <Text c="dimmed">{t('home.noRoles')}</Text>}
            {me.roles.map((role) => (
              <Badge key={role.code} size="lg" variant="light" data-testid={`role-${role.code}`}>
                {role.name[lang]}
              </Badge>
            ))}
          </Group>
        </Card>
      </SimpleGrid>
      <NoticeList />
      <Title order={3}>{t('home.capabilities')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {cards.map((item) => (
          <Card key={item.key} withBorder radius="md" data-testid={`card-${item.key}`}>
            <Stack gap="xs" h="100%" justify="space-between">
              <div>
                <Text fw={600}>{t(`nav.${item.key}`)}</Text>
                <Badge color={item.ready ? 'teal' : 'gray'} variant="light" size="sm" mt={4}>
                  {item.ready ? t('home.available') : t('home.comingSoon')}
                </Badge>
                <Text size="sm" c="dimmed" mt={4}>
                  {t(`home.cards.${item.key}`)}
                </Text>
              </div>
              <Button component={Link} to={item.path} variant="light" size="xs" w="fit-content">
                {t('home.open')}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
