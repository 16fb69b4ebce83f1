import { sameCity } from '../../core/catalog/activity-search.js';
import type { MessageKey } from '../i18n/i18n.js';
import { CategoryField } from './category-field.js';
import { Field, InputField } from './components.js';
import { type FieldMessages } from '../field-errors.js';
import type { Ui } from './ui.js';

export interface SearchValues {
  q: string;
  city: string;
  category: string;
  maxPrice: string;
}

/** The search fields' labels, for the error summary (where the price's bound is in its message). */
export const SEARCH_LABELS: Record<keyof SearchValues, MessageKey> = {
  q: 'search.text',
  city: 'search.city',
  category: 'search.category',
  maxPrice: 'search.max_price_summary',
};

interface Props {
  ui: Ui;
  values: SearchValues;
  errors: FieldMessages;
  /** The cities with activities; a city asked for that has none is offered too, so the form keeps it. */
  cities: string[];
}

/** The listing's search: words, city, category and the most per person. Part of its GET form. */
export function SearchFields({ ui, values, errors, cities }: Props) {
  const { t } = ui;
  const invalid = (name: string) => (errors[name] ? 'true' : undefined);
  const typedCity = errors.city ? '' : values.city;
  const chosenCity = cities.find((city) => typedCity !== '' && sameCity(city, typedCity)) ?? typedCity;
  const cityOptions = chosenCity === '' || cities.includes(chosenCity) ? cities : [...cities, chosenCity];
  return (
    <>
      <InputField id="q" name="q" type="search" label={t('search.text')} hint={t('search.text_hint')} error={errors.q} value={values.q} />
      <Field name="city" label={t('search.city')} error={errors.city}>
        {(describedBy) => (
          <select id="city" name="city" aria-describedby={describedBy} aria-invalid={invalid('city')}>
            <option value="">{t('search.any_city')}</option>
            {cityOptions.map((city) => (
              <option key={city} value={city} selected={city === chosenCity}>
                {city}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CategoryField ui={ui} label="search.category" empty="search.any_category" value={values.category} error={errors.category} />
      <InputField
        id="maxPrice"
        name="maxPrice"
        type="text"
        inputmode="decimal"
        autocomplete="off"
        label={t('search.max_price')}
        hint={t('search.max_price_hint')}
        error={errors.maxPrice}
        value={values.maxPrice}
      />
    </>
  );
}
