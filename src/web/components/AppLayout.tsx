import { AppShell, Badge, Burger, Button, Group, NavLink, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { isAdmin, useSession } from '../api/hooks';
import { LanguageSwitch } from './LanguageSwitch';
import { useWorkSummary } from '../api/work';
import { NAV, navCount } from './nav';
import { useLogout } from './useLogout';

/** The app shell: header with language switch and logout, navigation on the side, the page in the middle. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const location = useLocation();
  const logout = useLogout();
  const [opened, { toggle, close }] = useDisclosure();
  const items = NAV.filter(
    (item) =>
      (!item.adminOnly || isAdmin(me)) &&
      (!(item.officeAdminOnly || item.officeOnly) || me.organisation.kind === 'office') &&
      (!item.institutionOnly || me.organisation.kind === 'institution'),
  );

  // The counts of Kotak Masuk beside the entries they concern; refreshed after every action (INBOX_KEY).
  const summary = useWorkSummary();
  const badge = (item: (typeof items)[number]) => {
    const count = navCount(item, summary.data);
    if (count === null) return undefined;
    const late = item.key === 'inbox' && (summary.data?.overdue ?? 0) > 0;
    return (
      <Badge
        size="sm"
        circle={count < 10}
        color={late ? 'red.8' : 'teal.8'}
        style={{ flexShrink: 0, overflow: 'visible' }}
        data-testid={`nav-count-${item.key}`}
        data-count={count}
      >
        <span aria-hidden="true">{count}</span>
        <VisuallyHidden>{t('work.nav.count', { count })}</VisuallyHidden>
      </Badge>
    );
  };

  const active = (path: string) => (path === '/' ? location.pathname === '/' : location.pathname.startsWith(path));

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.menu')} />
            <Title order={3} c="teal.8">
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text
              size="sm"
              visibleFrom="sm"
              component={Link}
              to="/akun"
              title={t('header.account')}
              data-testid="header-user"
            >
              {me.displayName}
            </Text>
            <LanguageSwitch />
            <Button
              size="xs"
              variant="default"
              onClick={() => logout.mutate()}
              loading={logout.isPending}
              data-testid="logout"
            >
              {t('header.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" data-testid="nav">
        {items.map((item) => (
          <NavLink
            key={item.key}
            component={Link}
            to={item.path}
            label={t(`nav.${item.key}`)}
            rightSection={badge(item)}
            active={active(item.path)}
            onClick={close}
            data-testid={`nav-${item.key}`}
          />
        ))}
        {/* On phones the header has no room for the user's name, so Akun saya is in the menu. */}
        <NavLink
          component={Link}
          to="/akun"
          label={t('header.account')}
          active={active('/akun')}
          onClick={close}
          hiddenFrom="sm"
          data-testid="nav-account"
        />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
