import { usePageTitle } from '../components/common';
import { PersonSearch } from '../components/PersonSearch';
import { useSession } from '../session';

export function SearchPage() {
  const { place } = useSession();
  usePageTitle('Find a person');
  return (
    <>
      <span className="nhsuk-caption-l">{place.name}</span>
      <PersonSearch headingLevel="h1" />
    </>
  );
}
